import { popularTermInputSchema } from '../../../../shared/search-curation'
import { savePopularTerm } from '../../../services/search/popular'

export default defineEventHandler(async (event) => {
  const { db, actor, requestId } = await requireContext(event, 'search:curate')
  const input = await validBody(event, popularTermInputSchema)
  return savePopularTerm(db, actor, input, requestId)
})
