import { synonymInputSchema } from '../../../shared/synonyms'
import { createSynonym } from '../../services/search/dictionary'

export default defineEventHandler(async (event) => {
  const actor = await requireActor(event, 'synonym:write')
  const input = await validBody(event, synonymInputSchema)
  const created = await withDictionaryErrors(createSynonym((await useDb()).prisma, auditActor(actor), input, requestInfo(event).requestId))
  setResponseStatus(event, 201)
  return created
})
