import { timelineWithChanges } from '../../../services/history'

/** The duty's timeline of published versions, each with what changed from the one before. */
export default defineEventHandler(async (event) => {
  const { db, id } = await requireRecordContext(event, 'history:read', 'DUTY')
  return timelineWithChanges(db, 'DUTY', id)
})
