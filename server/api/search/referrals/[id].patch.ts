import { referralPatchSchema } from '../../../../shared/search-curation'
import { idParamSchema } from '../../../../shared/workspace'
import { updateReferral } from '../../../services/search/referrals'

export default defineEventHandler(async (event) => {
  const { db, actor, requestId } = await requireContext(event, 'search:curate')
  const id = validParam(event, 'id', idParamSchema)
  const patch = await validBody(event, referralPatchSchema)
  return updateReferral(db, actor, id, patch, requestId)
})
