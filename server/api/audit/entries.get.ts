import { auditQuerySchema } from '../../../shared/workspace'
import { queryAudit } from '../../services/audit'
import { auditDownload } from '../../services/exports'

/** The log as the auditor filtered it: a page as JSON, or every page as CSV or Excel (`format`). */
export default defineEventHandler(async (event) => {
  const { db, actor } = await requireContext(event, 'audit:read')
  const { page, pageSize, format, dept, ...rest } = validQuery(event, auditQuerySchema)
  const filter = { ...rest, departmentId: dept }
  if (format === 'json') return queryAudit(db, filter, page, pageSize)
  requireScope(actor, 'data:export')
  return sendDownload(event, await auditDownload(db, filter, format))
})
