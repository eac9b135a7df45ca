import { getStopWords } from '../../services/search/dictionary'

export default defineEventHandler(async (event) => {
  const { db } = await requireContext(event, 'synonym:write')
  return { stopWords: await getStopWords(db) }
})
