import { synonymQuerySchema } from '../../../shared/synonyms'
import { listSynonyms } from '../../services/search/dictionary'

export default defineEventHandler(async (event) => {
  const { db } = await requireContext(event, 'synonym:write')
  const query = validQuery(event, synonymQuerySchema)
  return listSynonyms(db, query)
})
