import { RECORD_KINDS, RECORDS, recordsParam } from '../../../../shared/lists'
import { timelineWithChanges } from '../../../services/history'

/**
 * /api/history/{power-items|duties|funds|guides|life-events}/[id]: a record's published versions
 * (an item's guide by the item's id), each with what changed from the one before.
 */
export default defineEventHandler(async (event) => {
  const { entityType } = RECORDS[validParam(event, 'records', recordsParam(RECORD_KINDS))]
  const { db, id } = await requireRecordContext(event, 'history:read', entityType)
  return timelineWithChanges(db, entityType, id)
})
