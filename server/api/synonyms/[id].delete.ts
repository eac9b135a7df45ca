import { idParamSchema } from '../../../shared/workspace'
import { deleteSynonym } from '../../services/search/dictionary'

export default defineEventHandler(async (event) => {
  const actor = await requireActor(event, 'synonym:write')
  const id = validParam(event, 'id', idParamSchema)
  await withDictionaryErrors(deleteSynonym((await useDb()).prisma, auditActor(actor), id, requestInfo(event).requestId))
  setResponseStatus(event, 204)
  return null
})
