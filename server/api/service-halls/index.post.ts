import { serviceHallCreateSchema } from '../../../shared/service-halls'
import { createServiceHall } from '../../services/guides/halls'

export default defineEventHandler(async (event) => {
  const actor = await requireActor(event, 'hall:write')
  const { departmentId: named, ...fields } = await validBody(event, serviceHallCreateSchema)
  const departmentId = departmentScope(actor, 'hall:write') ?? named
  if (departmentId === undefined) throw apiError(400, 'DEPARTMENT_REQUIRED', '请指定部门（departmentId）')
  requireScope(actor, 'hall:write', { departmentId })
  const { prisma } = await useDb()
  const hall = await withWorkflowErrors(createServiceHall(prisma, auditActor(actor), departmentId, fields, requestInfo(event).requestId ?? undefined))
  setResponseStatus(event, 201)
  return hall
})
