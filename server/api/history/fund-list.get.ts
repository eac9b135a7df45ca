import { pointInTimeView } from '../../services/point-in-time'

/** 财政专项资金管理清单 as it stood at the end of a date (China Standard Time). */
export default defineEventHandler(async (event) => {
  const { db, actor } = await requireContext(event, 'history:read')
  const request = historyListRequest(event, actor, 'fund')
  return pointInTimeView(db, request)
})
