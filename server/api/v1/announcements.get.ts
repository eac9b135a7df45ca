import { listAnnouncements } from '../../services/lists/announcements'

export default defineEventHandler(async () => {
  const { prisma } = await useDb()
  return listAnnouncements(prisma)
})
