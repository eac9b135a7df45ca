import { listDepartments } from '../../../services/admin/departments'

export default defineEventHandler(async (event) => {
  const { db } = await requireContext(event, 'department:manage')
  return { departments: await listDepartments(db) }
})
