import { stopWordsSchema } from '../../../shared/synonyms'
import { setStopWords } from '../../services/search/dictionary'

export default defineEventHandler(async (event) => {
  const actor = await requireActor(event, 'synonym:write')
  const { stopWords } = await validBody(event, stopWordsSchema)
  return { stopWords: await setStopWords((await useDb()).prisma, auditActor(actor), stopWords, requestInfo(event).requestId) }
})
