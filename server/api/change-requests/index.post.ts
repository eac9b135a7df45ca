import { draftInputSchema } from '../../../shared/drafts'
import { createDraft, recordScope } from '../../services/workflow/change-requests'

export default defineEventHandler(async (event) => {
  const actor = await requireActor(event, 'draft:write')
  const input = await validBody(event, draftInputSchema)
  const { prisma } = await useDb()
  // A new record belongs to the editor's department; a change, to the record's.
  const departmentId = input.action === 'ADD' ? actor.departmentId : (await recordScope(prisma, input.entityType, input.entityId))?.departmentId
  if (departmentId === undefined) throw apiError(404, 'ITEM_NOT_FOUND', `没有编号为 ${'entityId' in input ? input.entityId : ''} 的记录`)
  requireScope(actor, 'draft:write', { departmentId })
  setResponseStatus(event, 201)
  return withWorkflowErrors(createDraft(prisma, { ...auditActor(actor), id: actor.id }, departmentId!, input, requestInfo(event).requestId ?? undefined))
})
