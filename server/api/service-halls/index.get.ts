import { serviceHallQuerySchema } from '../../../shared/service-halls'
import { listServiceHalls } from '../../services/guides/halls'

/** The halls a keeper edits: an editor's own department's; an administrator names one with ?dept=. */
export default defineEventHandler(async (event) => {
  const actor = await requireActor(event, 'hall:write')
  const { dept } = validQuery(event, serviceHallQuerySchema)
  const departmentId = departmentScope(actor, 'hall:write') ?? dept
  if (departmentId === undefined) throw apiError(400, 'DEPARTMENT_REQUIRED', '请用 ?dept= 指定部门')
  requireScope(actor, 'hall:write', { departmentId })
  const { prisma } = await useDb()
  return listServiceHalls(prisma, departmentId)
})
