import { idParamSchema } from '../../../../shared/workspace'
import { publishListVersion } from '../../../services/workflow/list-versions'

/** Publishes now, or schedules for the effective date; the index follows through the outbox. */
export default defineEventHandler(async (event) => {
  const actor = await requireActor(event, 'version:publish')
  const id = validParam(event, 'id', idParamSchema)
  const { prisma } = await useDb()
  return withWorkflowErrors(publishListVersion(prisma, auditActor(actor), id, new Date(), requestInfo(event).requestId ?? undefined))
})
