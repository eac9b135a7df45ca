import { departmentCreateSchema } from '../../../../shared/auth'
import { createDepartment } from '../../../services/admin/departments'

export default defineEventHandler(async (event) => {
  const actor = await requireActor(event, 'department:manage')
  const input = await validBody(event, departmentCreateSchema)
  const department = await withAccountErrors(createDepartment((await useDb()).prisma, auditActor(actor), input, requestInfo(event).requestId))
  setResponseStatus(event, 201)
  return { department }
})
