import { searchQuerySchema } from '../../shared/search'
import { countSearch, publicSearch } from '../services/search/query'

export default defineEventHandler(async (event) => {
  const { db } = await publicContext(event)
  const query = validQuery(event, searchQuerySchema)
  const result = await publicSearch(useMeili(), db, appConfig().meiliIndex, query)
  // The same answer sent again from the public cache (alone or in a search page) is a search all
  // the same: it is counted.
  const { total } = result
  onPublicAnswerReplay(event, () => countSearch(query, total))
  return result
})
