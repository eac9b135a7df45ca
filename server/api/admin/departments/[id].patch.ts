import { departmentIdParamSchema, departmentUpdateSchema } from '../../../../shared/auth'
import { updateDepartment } from '../../../services/admin/departments'

export default defineEventHandler(async (event) => {
  const actor = await requireActor(event, 'department:manage')
  const id = validParam(event, 'id', departmentIdParamSchema)
  const input = await validBody(event, departmentUpdateSchema)
  return { department: await withAccountErrors(updateDepartment((await useDb()).prisma, auditActor(actor), id, input, requestInfo(event).requestId)) }
})
