import { idParamSchema } from '../../../../shared/workspace'
import { getWorkspaceFund } from '../../../services/workflow/queries'

export default defineEventHandler(async (event) => {
  const actor = await requireActor(event, 'draft:read')
  const id = validParam(event, 'id', idParamSchema)
  const { prisma } = await useDb()
  const record = await getWorkspaceFund(prisma, id)
  if (!record) throw apiError(404, 'ITEM_NOT_FOUND', `没有编号为 ${id} 的专项资金`)
  requireScope(actor, 'draft:read', { departmentId: record.department.id })
  return record
})
