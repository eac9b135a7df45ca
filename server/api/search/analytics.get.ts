import { analyticsQuerySchema } from '../../../shared/search-curation'
import { searchAnalytics } from '../../services/search/stats'

export default defineEventHandler(async (event) => {
  const { db } = await requireContext(event, 'search:curate')
  const period = validQuery(event, analyticsQuerySchema)
  return searchAnalytics(db, period)
})
