import { LISTS, recordsParamSchema } from '../../../../shared/lists'
import { timelineWithChanges } from '../../../services/history'

/** /api/history/{power-items|duties|funds}/[id]: a record's published versions, each with what changed from the one before. */
export default defineEventHandler(async (event) => {
  const { entityType } = LISTS[validParam(event, 'records', recordsParamSchema)]
  const { db, id } = await requireRecordContext(event, 'history:read', entityType)
  return timelineWithChanges(db, entityType, id)
})
