import { departmentCreateSchema } from '../../../../shared/auth'
import { createDepartment } from '../../../services/admin/departments'

export default defineEventHandler(async (event) => {
  const { db, actor, requestId } = await requireContext(event, 'department:manage')
  const input = await validBody(event, departmentCreateSchema)
  const department = await createDepartment(db, actor, input, requestId)
  setResponseStatus(event, 201)
  return { department }
})
