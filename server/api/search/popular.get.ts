import { popularSearches } from '../../services/search/popular'

export default defineEventHandler(async (event) => {
  const { db } = await publicContext(event)
  return { terms: await popularSearches(db) }
})
