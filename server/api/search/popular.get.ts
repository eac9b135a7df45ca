import { popularSearches } from '../../services/search/popular'

export default defineEventHandler(async () => {
  const { prisma } = await useDb()
  return { terms: await popularSearches(prisma) }
})
