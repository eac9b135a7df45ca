import { recordsParamSchema } from '../../../../shared/lists'
import { workspaceQuerySchema } from '../../../../shared/workspace'
import { WORKSPACE_RECORDS } from '../../../services/workflow/queries'

/** /api/workspace/{power-items|duties|funds}: the published records a change may be proposed for; an editor sees their department's. */
export default defineEventHandler(async (event) => {
  const { db, actor } = await requireContext(event, 'draft:read')
  const list = validParam(event, 'records', recordsParamSchema)
  const query = validQuery(event, workspaceQuerySchema)
  return WORKSPACE_RECORDS[list].page(db, query, departmentScope(actor, 'draft:read'))
})
