import { stopWordsSchema } from '../../../shared/synonyms'
import { setStopWords } from '../../services/search/dictionary'

export default defineEventHandler(async (event) => {
  const { db, actor, requestId } = await requireContext(event, 'synonym:write')
  const { stopWords } = await validBody(event, stopWordsSchema)
  return { stopWords: await setStopWords(db, actor, stopWords, requestId) }
})
