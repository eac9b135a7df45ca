import { synonymInputSchema } from '../../../shared/synonyms'
import { createSynonym } from '../../services/search/dictionary'

export default defineEventHandler(async (event) => {
  const { db, actor, requestId } = await requireContext(event, 'synonym:write')
  const input = await validBody(event, synonymInputSchema)
  const created = await createSynonym(db, actor, input, requestId)
  setResponseStatus(event, 201)
  return created
})
