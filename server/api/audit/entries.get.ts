import { auditQuerySchema } from '../../../shared/workspace'
import { queryAudit } from '../../services/audit'

export default defineEventHandler(async (event) => {
  await requireActor(event, 'audit:read')
  const { page, pageSize, format, dept, ...filter } = validQuery(event, auditQuerySchema)
  const { prisma } = await useDb()
  return queryAudit(prisma, { ...filter, departmentId: dept }, page, pageSize)
})
