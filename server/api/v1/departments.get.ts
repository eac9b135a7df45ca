import { listDepartments } from '../../services/lists/departments'

export default defineEventHandler(async () => {
  const { prisma } = await useDb()
  return listDepartments(prisma)
})
