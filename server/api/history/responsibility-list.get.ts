import { pointInTimeView } from '../../services/point-in-time'

/** 责任清单 as it stood at the end of a date (China Standard Time). */
export default defineEventHandler(async (event) => {
  const actor = await requireActor(event, 'history:read')
  const request = historyListRequest(event, actor, 'responsibility')
  const { prisma } = await useDb()
  return pointInTimeView(prisma, request)
})
