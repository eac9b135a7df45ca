import { searchQuerySchema } from '../../shared/search'
import { countSearch, publicSearch } from '../services/search/query'

export default defineEventHandler(async (event) => {
  const { db } = await publicContext(event)
  const query = validQuery(event, searchQuerySchema)
  const result = await publicSearch(useMeili(), db, loadConfig().meiliIndex, query)
  // The same answer sent again from the public cache is a search all the same: it is counted.
  onPublicAnswerReplay(event, () => countSearch(query, result.total))
  return result
})
