import { withdrawDraft } from '../../../services/workflow/change-requests'

export default defineEventHandler(async (event) => {
  const { actor, id, prisma } = await requireChangeRequest(event, 'draft:submit')
  return withWorkflowErrors(withdrawDraft(prisma, auditActor(actor), id, requestInfo(event).requestId ?? undefined))
})
