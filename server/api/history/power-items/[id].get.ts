import { timelineWithChanges } from '../../../services/history'

/** The item's timeline of published versions, each with what changed from the one before. */
export default defineEventHandler(async (event) => {
  const { id, prisma } = await requirePowerItem(event, 'history:read')
  return timelineWithChanges(prisma, 'POWER_ITEM', id)
})
