import { changeTopicSchema, FEED_CONTENT_TYPE } from '../../../shared/follow'
import { changesFeed } from '../../services/follow/feeds'

/** /api/feeds/changes?list=&dept=&type=&…&q=&code=: the published changes of the records a filter or a search selects, as an Atom feed. */
export default defineEventHandler(async (event) => {
  const { db } = await publicContext(event)
  const filter = validQuery(event, changeTopicSchema)
  setResponseHeader(event, 'Content-Type', FEED_CONTENT_TYPE)
  return changesFeed(db, { meili: useMeili(), indexUid: appConfig().meiliIndex }, siteUrl(), filter)
})
