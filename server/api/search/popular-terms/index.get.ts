import { listPopularTerms } from '../../../services/search/popular'

export default defineEventHandler(async (event) => {
  await requireActor(event, 'search:curate')
  return listPopularTerms((await useDb()).prisma)
})
