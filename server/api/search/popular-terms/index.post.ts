import { popularTermInputSchema } from '../../../../shared/search-curation'
import { savePopularTerm } from '../../../services/search/popular'

export default defineEventHandler(async (event) => {
  const actor = await requireActor(event, 'search:curate')
  const input = await validBody(event, popularTermInputSchema)
  return savePopularTerm((await useDb()).prisma, auditActor(actor), input, requestInfo(event).requestId)
})
