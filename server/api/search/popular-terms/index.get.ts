import { listPopularTerms } from '../../../services/search/popular'

export default defineEventHandler(async (event) => {
  const { db } = await requireContext(event, 'search:curate')
  return listPopularTerms(db)
})
