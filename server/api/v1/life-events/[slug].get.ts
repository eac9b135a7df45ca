import { lifeEventSlugSchema } from '../../../../shared/life-events'
import { getLifeEvent } from '../../../services/life-events/public'

export default defineEventHandler(async (event) => {
  const slug = validParam(event, 'slug', lifeEventSlugSchema)
  const { prisma } = await useDb()
  const lifeEvent = await getLifeEvent(prisma, slug)
  if (!lifeEvent) throw apiError(404, 'LIFE_EVENT_NOT_FOUND', `没有网址名为 ${slug} 的一件事`)
  return lifeEvent
})
