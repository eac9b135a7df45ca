import { listStatistics } from '../services/lists/statistics'

export default defineEventHandler(async () => {
  const { prisma } = await useDb()
  return listStatistics(prisma)
})
