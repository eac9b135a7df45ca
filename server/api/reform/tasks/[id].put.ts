import { reformTaskUpdateSchema } from '../../../../shared/reform'
import { updateReformTask } from '../../../services/reform/tasks'

export default defineEventHandler(async (event) => {
  const { db, actor, requestId, id } = await requireRecordContext(event, 'reform:write', 'REFORM_TASK')
  const { revision, task } = await validBody(event, reformTaskUpdateSchema)
  return updateReformTask(db, actor, id, revision, task, requestId)
})
