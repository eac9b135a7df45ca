import { timelineWithChanges } from '../../../services/history'

/** The special fund's timeline of published versions, each with what changed from the one before. */
export default defineEventHandler(async (event) => {
  const { id, prisma } = await requireHistoryRecord(event, 'SPECIAL_FUND')
  return timelineWithChanges(prisma, 'SPECIAL_FUND', id)
})
