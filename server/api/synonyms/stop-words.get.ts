import { getStopWords } from '../../services/search/dictionary'

export default defineEventHandler(async (event) => {
  await requireActor(event, 'synonym:write')
  return { stopWords: await getStopWords((await useDb()).prisma) }
})
