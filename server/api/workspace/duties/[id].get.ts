import { idParamSchema } from '../../../../shared/workspace'
import { getWorkspaceDuty } from '../../../services/workflow/queries'

export default defineEventHandler(async (event) => {
  const actor = await requireActor(event, 'draft:read')
  const id = validParam(event, 'id', idParamSchema)
  const { prisma } = await useDb()
  const record = await getWorkspaceDuty(prisma, id)
  if (!record) throw apiError(404, 'ITEM_NOT_FOUND', `没有编号为 ${id} 的责任事项`)
  requireScope(actor, 'draft:read', { departmentId: record.department.id })
  return record
})
