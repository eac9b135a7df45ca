import { listAnnouncements } from '../../services/lists/announcements'

export default defineEventHandler(async (event) => {
  const { db } = await publicContext(event)
  return listAnnouncements(db)
})
