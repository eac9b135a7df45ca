import { idParamSchema } from '../../../../shared/workspace'
import { getWorkspaceItem } from '../../../services/workflow/queries'

export default defineEventHandler(async (event) => {
  const actor = await requireActor(event, 'draft:read')
  const id = validParam(event, 'id', idParamSchema)
  const { prisma } = await useDb()
  const item = await getWorkspaceItem(prisma, id)
  if (!item) throw apiError(404, 'ITEM_NOT_FOUND', `没有编号为 ${id} 的事项`)
  requireScope(actor, 'draft:read', { departmentId: item.department.id })
  return item
})
