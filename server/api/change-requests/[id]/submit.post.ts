import { submitSchema } from '../../../../shared/drafts'
import { submitDraft } from '../../../services/workflow/change-requests'

export default defineEventHandler(async (event) => {
  const { db, actor, requestId, id } = await requireRecordContext(event, 'draft:submit', 'CHANGE_REQUEST')
  const { reason } = await validBody(event, submitSchema)
  return submitDraft(db, actor, id, reason, requestId)
})
