import { timelineWithChanges } from '../../../services/history'

/** The guide of item `:id`: its published versions, each with what changed from the one before. */
export default defineEventHandler(async (event) => {
  const { id, prisma } = await requirePowerItem(event, 'history:read')
  return timelineWithChanges(prisma, 'SERVICE_GUIDE', id)
})
