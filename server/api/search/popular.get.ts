import { popularSearches, popularSearchesFreshFor } from '../../services/search/popular'

export default defineEventHandler(async (event) => {
  const { db } = await publicContext(event)
  const terms = await popularSearches(db)
  // Searches change the terms without a commit: a kept copy of this answer, or of a page showing
  // it, lasts no longer than the terms themselves.
  keepPublicAnswerAtMost(event, popularSearchesFreshFor())
  return { terms }
})
