import { listVersionInputSchema } from '../../../shared/drafts'
import { createListVersion } from '../../services/workflow/list-versions'

export default defineEventHandler(async (event) => {
  const actor = await requireActor(event, 'version:publish')
  const input = await validBody(event, listVersionInputSchema)
  const { prisma } = await useDb()
  setResponseStatus(event, 201)
  return withWorkflowErrors(createListVersion(prisma, auditActor(actor), input, requestInfo(event).requestId ?? undefined))
})
