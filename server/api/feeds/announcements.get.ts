import { noQuerySchema } from '../../../shared/query'
import { FEED_CONTENT_TYPE } from '../../../shared/follow'
import { announcementsFeed } from '../../services/follow/feeds'

/** /api/feeds/announcements: the adjustment announcements as an Atom feed. */
export default defineEventHandler(async (event) => {
  const { db } = await publicContext(event)
  validQuery(event, noQuerySchema)
  setResponseHeader(event, 'Content-Type', FEED_CONTENT_TYPE)
  return announcementsFeed(db, siteUrl())
})
