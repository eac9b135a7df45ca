import { withdrawDraft } from '../../../services/workflow/change-requests'

export default defineEventHandler(async (event) => {
  const { db, actor, requestId, id } = await requireRecordContext(event, 'draft:submit', 'CHANGE_REQUEST')
  return withdrawDraft(db, actor, id, requestId)
})
