import { draftInputSchema } from '../../../shared/drafts'
import { idParamSchema } from '../../../shared/workspace'
import { changeRequestScope, updateDraft } from '../../services/workflow/change-requests'

export default defineEventHandler(async (event) => {
  const actor = await requireActor(event, 'draft:write')
  const id = validParam(event, 'id', idParamSchema)
  const { prisma } = await useDb()
  const scope = await changeRequestScope(prisma, id)
  if (!scope) throw apiError(404, 'CHANGE_REQUEST_NOT_FOUND', `没有编号为 ${id} 的变更`)
  requireScope(actor, 'draft:write', scope)
  const input = await validBody(event, draftInputSchema)
  return withWorkflowErrors(updateDraft(prisma, auditActor(actor), id, input, requestInfo(event).requestId ?? undefined))
})
