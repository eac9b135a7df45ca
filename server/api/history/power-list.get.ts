import { pointInTimeQuerySchema } from '../../../shared/workspace'
import { endOfCityDay, powerListAsOf } from '../../services/history'

/** The power list as it stood at the end of a date (China Standard Time). */
export default defineEventHandler(async (event) => {
  const actor = await requireActor(event, 'history:read')
  const query = validQuery(event, pointInTimeQuerySchema)
  const departmentId = departmentScope(actor, 'history:read') ?? query.dept
  requireScope(actor, 'history:read', departmentId === undefined ? undefined : { departmentId })
  const { prisma } = await useDb()
  const items = await powerListAsOf(prisma, endOfCityDay(query.date), { departmentId, type: query.type })
  return { date: query.date, total: items.length, items }
})
