import { searchQuerySchema } from '../../shared/search'
import { searchItems } from '../services/search/query'
import { countSearch } from '../services/search/popular'

export default defineEventHandler(async (event) => {
  const { db } = await publicContext(event)
  const query = validQuery(event, searchQuerySchema)
  const result = await searchItems(useMeili(), db, loadConfig().meiliIndex, query)
  if (result.total > 0 && query.page === 1) countSearch(query.q)
  return result
})
