import { POPULAR_REFRESH_MS, popularSearches } from '../../services/search/popular'

export default defineEventHandler(async (event) => {
  const { db } = await publicContext(event)
  // Searches change the terms without a commit: a kept copy of this answer, or of a page showing it, ages out.
  keepPublicAnswerAtMost(event, POPULAR_REFRESH_MS)
  return { terms: await popularSearches(db) }
})
