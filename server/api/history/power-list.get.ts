import { pointInTimeView } from '../../services/point-in-time'

/** 权力清单 as it stood at the end of a date (China Standard Time). */
export default defineEventHandler(async (event) => {
  const { db, actor } = await requireContext(event, 'history:read')
  const request = historyListRequest(event, actor, 'power')
  return pointInTimeView(db, request)
})
