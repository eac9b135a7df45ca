import { itemCodeSchema } from '../../../../shared/items'
import { getDepartment } from '../../../services/lists/departments'

export default defineEventHandler(async (event) => {
  const code = validParam(event, 'code', itemCodeSchema)
  const { prisma } = await useDb()
  const department = await getDepartment(prisma, code)
  if (!department) throw apiError(404, 'DEPARTMENT_NOT_FOUND', `没有编码为 ${code} 的部门`)
  return department
})
