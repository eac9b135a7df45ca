import { searchQuerySchema } from '../../shared/search'
import { publicSearch } from '../services/search/query'

export default defineEventHandler(async (event) => {
  const { db } = await publicContext(event)
  const query = validQuery(event, searchQuerySchema)
  return publicSearch(useMeili(), db, loadConfig().meiliIndex, query)
})
