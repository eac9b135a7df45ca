import { exportQuerySchema } from '../../../shared/spreadsheet'
import { exportDownload } from '../../services/import/spreadsheet'

/** A department's records of a list (?list=power|duty|fund) in the template's columns: an editor's own; others name one with ?dept=. */
export default defineEventHandler(async (event) => {
  const { db, actor } = await requireContext(event, 'draft:read')
  const { dept, list } = validQuery(event, exportQuerySchema)
  const departmentId = exportDepartment(actor, dept)
  const file = await exportDownload(db, departmentId, 'xlsx', list)
  if (!file) throw apiError(404, 'DEPARTMENT_NOT_FOUND', `没有编号为 ${departmentId} 的部门`)
  return sendDownload(event, file)
})
