import { idParamSchema } from '../../../../shared/workspace'
import { deleteReferral } from '../../../services/search/referrals'

export default defineEventHandler(async (event) => {
  const actor = await requireActor(event, 'search:curate')
  const id = validParam(event, 'id', idParamSchema)
  await withDictionaryErrors(deleteReferral((await useDb()).prisma, auditActor(actor), id, requestInfo(event).requestId))
  setResponseStatus(event, 204)
  return null
})
