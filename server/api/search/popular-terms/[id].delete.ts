import { idParamSchema } from '../../../../shared/workspace'
import { deletePopularTerm } from '../../../services/search/popular'

export default defineEventHandler(async (event) => {
  const actor = await requireActor(event, 'search:curate')
  const id = validParam(event, 'id', idParamSchema)
  await withDictionaryErrors(deletePopularTerm((await useDb()).prisma, auditActor(actor), id, requestInfo(event).requestId))
  setResponseStatus(event, 204)
  return null
})
