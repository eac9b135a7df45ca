// The spreadsheet import's refusals as API answers: a file that is not a spreadsheet (400) or is
// too large (413), and a sheet with errors that was to be imported for real (422, with the report).
import type { SheetReport } from '../../shared/spreadsheet'
import { SheetFileError } from '../services/import/sheet-file'
import { apiError } from './http'
import { departmentScope, requireScope, type Actor } from './auth'

export async function withSheetErrors<T>(work: Promise<T>): Promise<T> {
  try {
    return await work
  } catch (error) {
    if (error instanceof SheetFileError) throw apiError(error.status, error.code, error.message)
    throw error
  }
}

export function sheetInvalid(report: SheetReport) {
  return apiError(422, 'SHEET_INVALID', `文件有 ${report.errors.length} 处错误，没有导入任何内容`, report.errors.map((e) => ({ path: `${e.row}.${e.column ?? ''}`, message: e.message })), { report })
}

/**
 * The department whose items an export holds: an editor's own (another one named in ?dept= is
 * refused with 403); the reform office and auditors, who read every department, must name one.
 */
export function exportDepartment(actor: Actor, dept: number | undefined): number {
  requireScope(actor, 'draft:read', dept === undefined ? undefined : { departmentId: dept })
  const departmentId = dept ?? departmentScope(actor, 'draft:read')
  if (departmentId === null) throw apiError(400, 'DEPARTMENT_REQUIRED', '请用 ?dept= 指定要导出的部门')
  return departmentId
}
