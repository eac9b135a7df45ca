import { serviceHallQuerySchema } from '../../../shared/service-halls'
import { listServiceHalls } from '../../services/guides/halls'

/** A department's service halls: an editor's own; the reform office and auditors name one with ?dept=. */
export default defineEventHandler(async (event) => {
  const actor = await requireActor(event, 'draft:read')
  const { dept } = validQuery(event, serviceHallQuerySchema)
  const departmentId = departmentScope(actor, 'draft:read') ?? dept
  if (departmentId === undefined) throw apiError(400, 'DEPARTMENT_REQUIRED', '请用 ?dept= 指定部门')
  requireScope(actor, 'draft:read', { departmentId })
  const { prisma } = await useDb()
  return listServiceHalls(prisma, departmentId)
})
