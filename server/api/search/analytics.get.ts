import { analyticsQuerySchema } from '../../../shared/search-curation'
import { searchAnalytics } from '../../services/search/stats'

export default defineEventHandler(async (event) => {
  await requireActor(event, 'search:curate')
  const period = validQuery(event, analyticsQuerySchema)
  return searchAnalytics((await useDb()).prisma, period)
})
