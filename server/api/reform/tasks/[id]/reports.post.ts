import { progressReportInputSchema } from '../../../../../shared/reform'
import { reportProgress } from '../../../../services/reform/tasks'

/** Only the lead department reports: the guard checks the task's lead against the editor's department. */
export default defineEventHandler(async (event) => {
  const { db, actor, requestId, id } = await requireRecordContext(event, 'reform:report', 'REFORM_TASK')
  const input = await validBody(event, progressReportInputSchema)
  const task = await reportProgress(db, actor, id, input, requestId)
  setResponseStatus(event, 201)
  return task
})
