import { auditQuerySchema } from '../../../shared/workspace'
import { queryAudit } from '../../services/audit'
import { auditDownload, ExportTooLargeError } from '../../services/exports'

/** The log as the auditor filtered it: a page as JSON, or every page as CSV or Excel (`format`). */
export default defineEventHandler(async (event) => {
  const actor = await requireActor(event, 'audit:read')
  const { page, pageSize, format, dept, ...rest } = validQuery(event, auditQuerySchema)
  const filter = { ...rest, departmentId: dept }
  const { prisma } = await useDb()
  if (format === 'json') return queryAudit(prisma, filter, page, pageSize)
  requireScope(actor, 'data:export')
  try {
    return sendDownload(event, await auditDownload(prisma, filter, format))
  } catch (error) {
    if (error instanceof ExportTooLargeError) throw apiError(413, 'EXPORT_TOO_LARGE', error.message)
    throw error
  }
})
