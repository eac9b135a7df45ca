import { idParamSchema } from '../../../../shared/workspace'
import { deleteReferral } from '../../../services/search/referrals'

export default defineEventHandler(async (event) => {
  const { db, actor, requestId } = await requireContext(event, 'search:curate')
  const id = validParam(event, 'id', idParamSchema)
  await deleteReferral(db, actor, id, requestId)
  setResponseStatus(event, 204)
  return null
})
