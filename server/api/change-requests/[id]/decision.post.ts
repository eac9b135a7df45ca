import { decisionSchema } from '../../../../shared/drafts'
import { decide } from '../../../services/workflow/change-requests'

export default defineEventHandler(async (event) => {
  const { db, actor, requestId, id } = await requireRecordContext(event, 'review:decide', 'CHANGE_REQUEST')
  const input = await validBody(event, decisionSchema)
  return decide(db, actor, id, input, requestId)
})
