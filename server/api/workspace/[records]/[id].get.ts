import { LISTS, recordsParamSchema } from '../../../../shared/lists'
import { WORKSPACE_RECORDS } from '../../../services/workflow/queries'

/** /api/workspace/{power-items|duties|funds}/[id]: one published record with the change under way for it. */
export default defineEventHandler(async (event) => {
  const list = validParam(event, 'records', recordsParamSchema)
  const { db, id } = await requireRecordContext(event, 'draft:read', LISTS[list].entityType)
  return WORKSPACE_RECORDS[list].one(db, id)
})
