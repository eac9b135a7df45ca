import { historyFileSchema } from '../../../shared/audit'
import { pointInTimeQuerySchema } from '../../../shared/workspace'
import { endOfCityDay } from '../../services/history'
import { pointInTimeDownload } from '../../services/exports'

/** /api/history/power-list.{csv|xlsx}: the list of GET /api/history/power-list, as a file. */
export default defineEventHandler(async (event) => {
  const actor = await requireActor(event, 'history:read')
  requireScope(actor, 'data:export')
  const format = validParam(event, 'file', historyFileSchema)
  const query = validQuery(event, pointInTimeQuerySchema)
  const departmentId = departmentScope(actor, 'history:read') ?? query.dept
  requireScope(actor, 'history:read', departmentId === undefined ? undefined : { departmentId })
  const { prisma } = await useDb()
  return sendDownload(event, await pointInTimeDownload(prisma, query.date, endOfCityDay(query.date), { departmentId, type: query.type }, format))
})
