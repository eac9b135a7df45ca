import { submitSchema } from '../../../../shared/drafts'
import { submitDraft } from '../../../services/workflow/change-requests'

export default defineEventHandler(async (event) => {
  const { actor, id, prisma } = await requireChangeRequest(event, 'draft:submit')
  const { reason } = await validBody(event, submitSchema)
  return withWorkflowErrors(submitDraft(prisma, auditActor(actor), id, reason, requestInfo(event).requestId ?? undefined))
})
