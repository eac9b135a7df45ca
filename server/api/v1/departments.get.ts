import { listDepartments } from '../../services/lists/departments'

export default defineEventHandler(async (event) => {
  const { db } = await publicContext(event)
  return listDepartments(db)
})
