import { listReferrals } from '../../../services/search/referrals'

export default defineEventHandler(async (event) => {
  const { db } = await requireContext(event, 'search:curate')
  return { items: await listReferrals(db) }
})
