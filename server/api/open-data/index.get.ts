import { openDataCatalogue } from '../../services/open-data/downloads'

export default defineEventHandler(async () => {
  const { prisma } = await useDb()
  return openDataCatalogue(prisma)
})
