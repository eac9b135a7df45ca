import { exportQuerySchema, sheetFileSchema } from '../../../../shared/spreadsheet'
import { exportDownload } from '../../../services/import/spreadsheet'

/**
 * /api/import/exports/{power-items|duties|funds|guides}.{xlsx|csv}: a department's records of a
 * list (or its guides, Excel only) in the template's columns: an editor's own; the others name one with ?dept=.
 */
export default defineEventHandler(async (event) => {
  const { db, actor } = await requireContext(event, 'draft:read')
  const { kind, format } = validParam(event, 'file', sheetFileSchema)
  const departmentId = exportDepartment(actor, validQuery(event, exportQuerySchema).dept)
  const file = await exportDownload(db, departmentId, format, kind)
  if (!file) throw apiError(404, 'DEPARTMENT_NOT_FOUND', `没有编号为 ${departmentId} 的部门`)
  return sendDownload(event, file)
})
