import { lifeEventUpdateSchema } from '../../../shared/life-events'
import { idParamSchema } from '../../../shared/workspace'
import { updateLifeEvent } from '../../services/life-events/records'

export default defineEventHandler(async (event) => {
  const actor = await requireActor(event, 'lifeEvent:write')
  const id = validParam(event, 'id', idParamSchema)
  const update = await validBody(event, lifeEventUpdateSchema)
  const { prisma } = await useDb()
  return withWorkflowErrors(updateLifeEvent(prisma, auditActor(actor), id, update, requestInfo(event).requestId ?? undefined))
})
