import { reformTaskQuerySchema } from '../../../../shared/reform'
import { listReformTasks } from '../../../services/reform/tasks'

export default defineEventHandler(async (event) => {
  const { db, actor } = await requireContext(event, 'reform:read')
  const { state } = validQuery(event, reformTaskQuerySchema)
  return listReformTasks(db, departmentScope(actor, 'reform:read'), state)
})
