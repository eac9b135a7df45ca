import { idParamSchema } from '../../../../shared/workspace'
import { publishListVersion } from '../../../services/workflow/list-versions'

/** Publishes now, or schedules for the effective date; the index follows through the outbox. */
export default defineEventHandler(async (event) => {
  const { db, actor, requestId } = await requireContext(event, 'version:publish')
  const id = validParam(event, 'id', idParamSchema)
  return publishListVersion(db, actor, id, new Date(), requestId)
})
