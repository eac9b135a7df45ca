import { idParamSchema } from '../../../../shared/workspace'
import { getReformTask } from '../../../services/reform/tasks'

/** A department reads the tasks it leads or cooperates on; the office and auditors every one. */
export default defineEventHandler(async (event) => {
  const { db, actor } = await requireContext(event, 'reform:read')
  const id = validParam(event, 'id', idParamSchema)
  return getReformTask(db, id, departmentScope(actor, 'reform:read'))
})
