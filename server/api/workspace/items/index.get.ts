import { workspaceItemQuerySchema } from '../../../../shared/workspace'
import { listWorkspaceItems } from '../../../services/workflow/queries'

/** The published items a change may be proposed for: an editor sees their department's. */
export default defineEventHandler(async (event) => {
  const { db, actor } = await requireContext(event, 'draft:read')
  const query = validQuery(event, workspaceItemQuerySchema)
  return listWorkspaceItems(db, query, departmentScope(actor, 'draft:read'))
})
