import { listReferrals } from '../../../services/search/referrals'

export default defineEventHandler(async (event) => {
  await requireActor(event, 'search:curate')
  return { items: await listReferrals((await useDb()).prisma) }
})
