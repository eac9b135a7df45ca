import { DRAFT_KINDS, recordsParam } from '../../../../shared/lists'
import { workspaceQuerySchemas } from '../../../../shared/workspace'
import { WORKSPACE_RECORDS } from '../../../services/workflow/queries'

/**
 * /api/workspace/{power-items|duties|funds|guides}: the published records a change may be proposed
 * for (a guide by its item, with what it lacks); an editor sees their department's.
 */
export default defineEventHandler(async (event) => {
  const { db, actor } = await requireContext(event, 'draft:read')
  const kind = validParam(event, 'records', recordsParam(DRAFT_KINDS))
  const query = validQuery(event, workspaceQuerySchemas[kind])
  return WORKSPACE_RECORDS[kind].page(db, query, departmentScope(actor, 'draft:read'))
})
