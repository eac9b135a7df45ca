import { timelineWithChanges } from '../../../services/history'

/** The item's timeline of published versions, each with what changed from the one before. */
export default defineEventHandler(async (event) => {
  const { db, id } = await requireRecordContext(event, 'history:read', 'POWER_ITEM')
  return timelineWithChanges(db, 'POWER_ITEM', id)
})
