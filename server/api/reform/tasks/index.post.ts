import { reformTaskInputSchema } from '../../../../shared/reform'
import { createReformTask } from '../../../services/reform/tasks'

export default defineEventHandler(async (event) => {
  const { db, actor, requestId } = await requireContext(event, 'reform:write')
  const input = await validBody(event, reformTaskInputSchema)
  const task = await createReformTask(db, actor, input, requestId)
  setResponseStatus(event, 201)
  return task
})
