import { draftInputSchema } from '../../../shared/drafts'
import { updateDraft } from '../../services/workflow/change-requests'

export default defineEventHandler(async (event) => {
  const { db, actor, requestId, id } = await requireRecordContext(event, 'draft:write', 'CHANGE_REQUEST')
  const input = await validBody(event, draftInputSchema)
  return updateDraft(db, actor, id, input, requestId)
})
