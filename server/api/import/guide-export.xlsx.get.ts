import { z } from 'zod'
import { recordId } from '../../../shared/query'
import { guideExportDownload } from '../../services/import/guide-sheets'

/** A department's guides in the template's sheets: an editor's own; the reform office and auditors name one with ?dept=. */
export default defineEventHandler(async (event) => {
  const actor = await requireActor(event, 'draft:read')
  const { dept } = validQuery(event, z.object({ dept: recordId.optional() }).strict())
  const departmentId = exportDepartment(actor, dept)
  const { prisma } = await useDb()
  const file = await guideExportDownload(prisma, departmentId)
  if (!file) throw apiError(404, 'DEPARTMENT_NOT_FOUND', `没有编号为 ${departmentId} 的部门`)
  return sendDownload(event, file)
})
