import { listVersionInputSchema } from '../../../shared/drafts'
import { createListVersion } from '../../services/workflow/list-versions'

export default defineEventHandler(async (event) => {
  const { db, actor, requestId } = await requireContext(event, 'version:publish')
  const input = await validBody(event, listVersionInputSchema)
  setResponseStatus(event, 201)
  return createListVersion(db, actor, input, requestId)
})
