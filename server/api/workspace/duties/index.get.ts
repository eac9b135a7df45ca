import { workspaceItemQuerySchema } from '../../../../shared/workspace'
import { listWorkspaceDuties } from '../../../services/workflow/queries'

/** The published records a change may be proposed for: an editor sees their department's. */
export default defineEventHandler(async (event) => {
  const { db, actor } = await requireContext(event, 'draft:read')
  const query = validQuery(event, workspaceItemQuerySchema)
  return listWorkspaceDuties(db, query, departmentScope(actor, 'draft:read'))
})
