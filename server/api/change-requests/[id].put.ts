import { draftInputSchema } from '../../../shared/drafts'
import { updateDraft } from '../../services/workflow/change-requests'

export default defineEventHandler(async (event) => {
  const { actor, id, prisma } = await requireChangeRequest(event, 'draft:write')
  const input = await validBody(event, draftInputSchema)
  return withWorkflowErrors(updateDraft(prisma, auditActor(actor), id, input, requestInfo(event).requestId ?? undefined))
})
