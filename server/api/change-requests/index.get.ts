import { changeRequestQuerySchema } from '../../../shared/workspace'
import { listChangeRequests } from '../../services/workflow/queries'

/** The queues: an editor sees their department's, the reform office and auditors everyone's. */
export default defineEventHandler(async (event) => {
  const { db, actor } = await requireContext(event, 'draft:read')
  const query = validQuery(event, changeRequestQuerySchema)
  return listChangeRequests(db, query, departmentScope(actor, 'draft:read'))
})
