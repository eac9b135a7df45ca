import { submitSchema } from '../../../../shared/drafts'
import { idParamSchema } from '../../../../shared/workspace'
import { changeRequestScope, submitDraft } from '../../../services/workflow/change-requests'

export default defineEventHandler(async (event) => {
  const actor = await requireActor(event, 'draft:submit')
  const id = validParam(event, 'id', idParamSchema)
  const { prisma } = await useDb()
  const scope = await changeRequestScope(prisma, id)
  if (!scope) throw apiError(404, 'CHANGE_REQUEST_NOT_FOUND', `没有编号为 ${id} 的变更`)
  requireScope(actor, 'draft:submit', scope)
  const { reason } = await validBody(event, submitSchema)
  return withWorkflowErrors(submitDraft(prisma, auditActor(actor), id, reason, requestInfo(event).requestId ?? undefined))
})
