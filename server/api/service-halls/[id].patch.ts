import { serviceHallFieldsSchema } from '../../../shared/service-halls'
import { idParamSchema } from '../../../shared/workspace'
import { serviceHallScope, updateServiceHall } from '../../services/guides/halls'

export default defineEventHandler(async (event) => {
  const actor = await requireActor(event, 'hall:write')
  const id = validParam(event, 'id', idParamSchema)
  const { prisma } = await useDb()
  const scope = await serviceHallScope(prisma, id)
  if (!scope) throw apiError(404, 'HALL_NOT_FOUND', `没有编号为 ${id} 的服务窗口`)
  requireScope(actor, 'hall:write', scope)
  const fields = await validBody(event, serviceHallFieldsSchema)
  return withWorkflowErrors(updateServiceHall(prisma, auditActor(actor), id, fields, requestInfo(event).requestId ?? undefined))
})
