import { lifeEventListQuerySchema } from '../../../shared/life-events'
import { listLifeEvents } from '../../services/life-events/public'

/** The life events on offer (?audience=PERSON|ENTERPRISE), or the ones a search query names (?q=). */
export default defineEventHandler(async (event) => {
  const { db } = await publicContext(event)
  const query = validQuery(event, lifeEventListQuerySchema)
  return listLifeEvents(db, query)
})
