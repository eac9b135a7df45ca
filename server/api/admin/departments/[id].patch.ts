import { departmentIdParamSchema, departmentUpdateSchema } from '../../../../shared/auth'
import { updateDepartment } from '../../../services/admin/departments'

export default defineEventHandler(async (event) => {
  const { db, actor, requestId } = await requireContext(event, 'department:manage')
  const id = validParam(event, 'id', departmentIdParamSchema)
  const input = await validBody(event, departmentUpdateSchema)
  return { department: await updateDepartment(db, actor, id, input, requestId) }
})
