import { timelineWithChanges } from '../../../services/history'

/** The special fund's timeline of published versions, each with what changed from the one before. */
export default defineEventHandler(async (event) => {
  const { db, id } = await requireRecordContext(event, 'history:read', 'SPECIAL_FUND')
  return timelineWithChanges(db, 'SPECIAL_FUND', id)
})
