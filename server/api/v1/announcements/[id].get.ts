import { announcementIdSchema, announcementQuerySchema } from '../../../../shared/lists'
import { getAnnouncement } from '../../../services/lists/announcements'

export default defineEventHandler(async (event) => {
  const { db } = await publicContext(event)
  const id = validParam(event, 'id', announcementIdSchema)
  const query = validQuery(event, announcementQuerySchema)
  const announcement = await getAnnouncement(db, id, query)
  if (!announcement) throw apiError(404, 'ANNOUNCEMENT_NOT_FOUND', `没有编号为 ${id} 的调整公告`)
  return announcement
})
