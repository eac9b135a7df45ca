import { idParamSchema } from '../../../shared/workspace'
import { getChangeRequest } from '../../services/workflow/queries'

export default defineEventHandler(async (event) => {
  const actor = await requireActor(event, 'draft:read')
  const id = validParam(event, 'id', idParamSchema)
  const { prisma } = await useDb()
  const request = await getChangeRequest(prisma, id)
  if (!request) throw apiError(404, 'CHANGE_REQUEST_NOT_FOUND', `没有编号为 ${id} 的变更`)
  requireScope(actor, 'draft:read', { departmentId: request.department.id })
  return request
})
