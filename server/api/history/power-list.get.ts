import { pointInTimeQuerySchema } from '../../../shared/workspace'
import { powerListAsOf } from '../../services/history'

/** The power list as it stood at the end of a date (China Standard Time). */
export default defineEventHandler(async (event) => {
  const actor = await requireActor(event, 'history:read')
  const query = validQuery(event, pointInTimeQuerySchema)
  const own = departmentScope(actor, 'history:read')
  const departmentId = own ?? query.dept
  requireScope(actor, 'history:read', departmentId === undefined ? undefined : { departmentId })
  const { prisma } = await useDb()
  const at = new Date(new Date(`${query.date}T00:00:00+08:00`).getTime() + 86_400_000 - 1)
  const items = await powerListAsOf(prisma, at, { departmentId, type: query.type })
  return { date: query.date, total: items.length, items }
})
