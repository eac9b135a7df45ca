import { changeRequestQuerySchema } from '../../../shared/workspace'
import { listChangeRequests } from '../../services/workflow/queries'

/** The queues: an editor sees their department's, the reform office and auditors everyone's. */
export default defineEventHandler(async (event) => {
  const actor = await requireActor(event, 'draft:read')
  const query = validQuery(event, changeRequestQuerySchema)
  const { prisma } = await useDb()
  return listChangeRequests(prisma, query, departmentScope(actor, 'draft:read'))
})
