import { listDepartments } from '../../../services/admin/departments'

export default defineEventHandler(async (event) => {
  await requireActor(event, 'department:manage')
  return { departments: await listDepartments((await useDb()).prisma) }
})
