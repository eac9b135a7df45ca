import { draftInputSchema } from '../../../shared/drafts'
import { recordScope } from '../../services/auth/record-scope'
import { createDraft } from '../../services/workflow/change-requests'

export default defineEventHandler(async (event) => {
  const { db, actor, requestId } = await requireContext(event, 'draft:write')
  const input = await validBody(event, draftInputSchema)
  // A new record belongs to the editor's department; a change, to the record's.
  const { departmentId } = input.action === 'ADD' ? actor : await recordScope(db, input.entityType, input.entityId)
  requireScope(actor, 'draft:write', { departmentId })
  setResponseStatus(event, 201)
  return createDraft(db, actor, departmentId!, input, requestId)
})
