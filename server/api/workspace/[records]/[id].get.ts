import { DRAFT_KINDS, RECORDS, recordsParam } from '../../../../shared/lists'
import { WORKSPACE_RECORDS } from '../../../services/workflow/queries'

/** /api/workspace/{power-items|duties|funds|guides}/[id]: one published record (a guide by its item's id) with the change under way for it. */
export default defineEventHandler(async (event) => {
  const kind = validParam(event, 'records', recordsParam(DRAFT_KINDS))
  const { db, id } = await requireRecordContext(event, 'draft:read', RECORDS[kind].entityType)
  return WORKSPACE_RECORDS[kind].one(db, id)
})
