import { synonymQuerySchema } from '../../../shared/synonyms'
import { listSynonyms } from '../../services/search/dictionary'

export default defineEventHandler(async (event) => {
  await requireActor(event, 'synonym:write')
  const query = validQuery(event, synonymQuerySchema)
  return listSynonyms((await useDb()).prisma, query)
})
