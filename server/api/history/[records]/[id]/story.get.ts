import { LISTS, recordsParamSchema } from '../../../../../shared/lists'
import { recordStory } from '../../../../services/audit'

/** /api/history/{power-items|duties|funds}/[id]/story: who drafted, submitted, approved and published each change of the record, oldest first. */
export default defineEventHandler(async (event) => {
  const { entityType } = LISTS[validParam(event, 'records', recordsParamSchema)]
  const { db, id } = await requireRecordContext(event, 'history:read', entityType)
  return recordStory(db, entityType, id)
})
