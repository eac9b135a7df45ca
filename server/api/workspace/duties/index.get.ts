import { workspaceItemQuerySchema } from '../../../../shared/workspace'
import { listWorkspaceDuties } from '../../../services/workflow/queries'

/** The published records a change may be proposed for: an editor sees their department's. */
export default defineEventHandler(async (event) => {
  const actor = await requireActor(event, 'draft:read')
  const query = validQuery(event, workspaceItemQuerySchema)
  const { prisma } = await useDb()
  return listWorkspaceDuties(prisma, query, departmentScope(actor, 'draft:read'))
})
