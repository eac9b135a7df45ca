import { idParamSchema } from '../../../shared/workspace'
import { deleteSynonym } from '../../services/search/dictionary'

export default defineEventHandler(async (event) => {
  const { db, actor, requestId } = await requireContext(event, 'synonym:write')
  const id = validParam(event, 'id', idParamSchema)
  await deleteSynonym(db, actor, id, requestId)
  setResponseStatus(event, 204)
  return null
})
