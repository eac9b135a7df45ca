import { referralInputSchema } from '../../../../shared/search-curation'
import { createReferral } from '../../../services/search/referrals'

export default defineEventHandler(async (event) => {
  const { db, actor, requestId } = await requireContext(event, 'search:curate')
  const input = await validBody(event, referralInputSchema)
  const created = await createReferral(db, actor, input, requestId)
  setResponseStatus(event, 201)
  return created
})
