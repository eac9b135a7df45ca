import { decisionSchema } from '../../../../shared/drafts'
import { idParamSchema } from '../../../../shared/workspace'
import { decide } from '../../../services/workflow/change-requests'

export default defineEventHandler(async (event) => {
  const actor = await requireActor(event, 'review:decide')
  const id = validParam(event, 'id', idParamSchema)
  const input = await validBody(event, decisionSchema)
  const { prisma } = await useDb()
  return withWorkflowErrors(decide(prisma, { ...auditActor(actor), id: actor.id }, id, input, requestInfo(event).requestId ?? undefined))
})
