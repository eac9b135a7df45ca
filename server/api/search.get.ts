import { searchQuerySchema } from '../../shared/search'
import { searchItems, SearchUnavailableError } from '../services/search/query'
import { countSearch } from '../services/search/popular'

export default defineEventHandler(async (event) => {
  const query = validQuery(event, searchQuerySchema)
  const { prisma } = await useDb()
  try {
    const result = await searchItems(useMeili(), prisma, loadConfig().meiliIndex, query)
    if (result.total > 0 && query.page === 1) {
      countSearch(query.q)
      onPublicAnswerReplay(event, () => countSearch(query.q))
    }
    return result
  } catch (error) {
    if (error instanceof SearchUnavailableError) {
      throw apiError(503, 'SEARCH_UNAVAILABLE', '搜索服务暂时不可用，请稍后再试；清单浏览不受影响')
    }
    throw error
  }
})
