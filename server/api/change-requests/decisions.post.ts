import { decisionSchema } from '../../../shared/drafts'
import { batchDecisionSchema } from '../../../shared/workspace'
import { decideBatch } from '../../services/workflow/change-requests'

/** The same decision for many submitted changes: all are decided, or none. */
export default defineEventHandler(async (event) => {
  const { db, actor, requestId } = await requireContext(event, 'review:decide')
  const { ids, ...rest } = await validBody(event, batchDecisionSchema)
  const parsed = decisionSchema.safeParse(rest)
  if (!parsed.success) throw validationError(parsed.error)
  return decideBatch(db, actor, ids, parsed.data, requestId)
})
