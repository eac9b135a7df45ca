import { lifeEventFieldsSchema } from '../../../shared/life-events'
import { createLifeEvent } from '../../services/life-events/records'

export default defineEventHandler(async (event) => {
  const actor = await requireActor(event, 'lifeEvent:write')
  const fields = await validBody(event, lifeEventFieldsSchema)
  const { prisma } = await useDb()
  const created = await withWorkflowErrors(createLifeEvent(prisma, auditActor(actor), fields, requestInfo(event).requestId ?? undefined))
  setResponseStatus(event, 201)
  return created
})
