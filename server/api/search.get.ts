import { searchQuerySchema } from '../../shared/search'
import { publicSearch, SearchUnavailableError } from '../services/search/query'

export default defineEventHandler(async (event) => {
  const query = validQuery(event, searchQuerySchema)
  try {
    return await publicSearch(useMeili(), (await useDb()).prisma, loadConfig().meiliIndex, query)
  } catch (error) {
    if (error instanceof SearchUnavailableError) {
      throw apiError(503, 'SEARCH_UNAVAILABLE', '搜索服务暂时不可用，请稍后再试；清单浏览不受影响')
    }
    throw error
  }
})
