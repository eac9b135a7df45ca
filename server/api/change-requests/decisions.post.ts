import { decisionSchema } from '../../../shared/drafts'
import { batchDecisionSchema } from '../../../shared/workspace'
import { decideBatch } from '../../services/workflow/change-requests'

/** The same decision for many submitted changes: all are decided, or none. */
export default defineEventHandler(async (event) => {
  const actor = await requireActor(event, 'review:decide')
  const { ids, ...rest } = await validBody(event, batchDecisionSchema)
  const parsed = decisionSchema.safeParse(rest)
  if (!parsed.success) throw validationError(parsed.error)
  const { prisma } = await useDb()
  return withWorkflowErrors(decideBatch(prisma, { ...auditActor(actor), id: actor.id }, ids, parsed.data, requestInfo(event).requestId ?? undefined))
})
