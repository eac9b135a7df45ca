import { LISTS, recordsParamSchema } from '../../../../../shared/lists'
import { recordStory } from '../../../../services/audit'

/**
 * /api/history/stories/{power-items|duties|funds}/[id]: who drafted, submitted, approved and published
 * each change of the record, oldest first. Not /api/history/<list>/[id]/story: Nitro's router picks a
 * placeholder by the depth of the first route inserted under it, so that path would not be found.
 */
export default defineEventHandler(async (event) => {
  const { entityType } = LISTS[validParam(event, 'records', recordsParamSchema)]
  const { db, id } = await requireRecordContext(event, 'history:read', entityType)
  return recordStory(db, entityType, id)
})
