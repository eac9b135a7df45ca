import { timelineWithChanges } from '../../../services/history'

/** The duty's timeline of published versions, each with what changed from the one before. */
export default defineEventHandler(async (event) => {
  const { id, prisma } = await requireHistoryRecord(event, 'DUTY')
  return timelineWithChanges(prisma, 'DUTY', id)
})
