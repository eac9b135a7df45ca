import { openedBodySchema } from '../../../shared/search-curation'
import { recordOpened } from '../../services/search/stats'

// A citizen opened a result of a search: counted with the query, never with who or where.
export default defineEventHandler(async (event) => {
  const { q } = await validBody(event, openedBodySchema)
  recordOpened(q)
  setResponseStatus(event, 204)
  return null
})
