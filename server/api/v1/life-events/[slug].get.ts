import { lifeEventSlugSchema } from '../../../../shared/life-events'
import { getLifeEvent } from '../../../services/life-events/public'

/** One life event on offer, with its ordered steps and what each step's items ask of the applicant. */
export default defineEventHandler(async (event) => {
  const { db } = await publicContext(event)
  const slug = validParam(event, 'slug', lifeEventSlugSchema)
  const lifeEvent = await getLifeEvent(db, slug)
  if (!lifeEvent) throw apiError(404, 'LIFE_EVENT_NOT_FOUND', `没有网址名为 ${slug} 的一件事`)
  return lifeEvent
})
