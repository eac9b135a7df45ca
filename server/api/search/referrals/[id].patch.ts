import { referralPatchSchema } from '../../../../shared/search-curation'
import { idParamSchema } from '../../../../shared/workspace'
import { updateReferral } from '../../../services/search/referrals'

export default defineEventHandler(async (event) => {
  const actor = await requireActor(event, 'search:curate')
  const id = validParam(event, 'id', idParamSchema)
  const patch = await validBody(event, referralPatchSchema)
  return withDictionaryErrors(updateReferral((await useDb()).prisma, auditActor(actor), id, patch, requestInfo(event).requestId))
})
