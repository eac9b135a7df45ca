import { referralInputSchema } from '../../../../shared/search-curation'
import { createReferral } from '../../../services/search/referrals'

export default defineEventHandler(async (event) => {
  const actor = await requireActor(event, 'search:curate')
  const input = await validBody(event, referralInputSchema)
  const created = await createReferral((await useDb()).prisma, auditActor(actor), input, requestInfo(event).requestId)
  setResponseStatus(event, 201)
  return created
})
