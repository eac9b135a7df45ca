import { idParamSchema } from '../../../../shared/workspace'
import { deletePopularTerm } from '../../../services/search/popular'

export default defineEventHandler(async (event) => {
  const { db, actor, requestId } = await requireContext(event, 'search:curate')
  const id = validParam(event, 'id', idParamSchema)
  await deletePopularTerm(db, actor, id, requestId)
  setResponseStatus(event, 204)
  return null
})
