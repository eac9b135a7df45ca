// The spreadsheet import's refusals as API answers: a file that is not a spreadsheet (400) or is
// too large (413), and a sheet with errors that was to be imported for real (422, with the report);
// and the one handler the three lists' import routes share.
import { setResponseStatus, type H3Event } from 'h3'
import { importQuerySchema, SHEET_LIMITS, type SheetListKey, type SheetReport } from '../../shared/spreadsheet'
import { SheetFileError, tooLarge } from '../services/import/sheet-file'
import { EMBEDDED_IMPORT_BATCH, importSheet } from '../services/import/spreadsheet'
import { apiError, validQuery } from './http'
import { auditActor, departmentScope, requestInfo, requireActor, requireScope, type Actor } from './auth'
import { readUploadedFile } from './upload'
import { useDb } from './prisma'
import { loadConfig } from './config'

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

/** A spreadsheet of one list of the editor's own department: checked (?dryRun=1) or imported as drafts. */
export async function importSheetUpload(event: H3Event, list: SheetListKey): Promise<SheetReport> {
  const actor = await requireActor(event, 'draft:import')
  const { dryRun } = validQuery(event, importQuerySchema)
  const departmentId = departmentScope(actor, 'draft:import')!
  const file = await withSheetErrors(readUploadedFile(event, 'file', SHEET_LIMITS.maxBytes, tooLarge))
  const { prisma } = await useDb()
  const batchSize = loadConfig().databaseUrl ? undefined : EMBEDDED_IMPORT_BATCH
  const report = await withSheetErrors(importSheet(prisma, list, { ...auditActor(actor), id: actor.id }, departmentId, file, { dryRun, requestId: requestInfo(event).requestId ?? undefined, batchSize }))
  if (!dryRun && report.errors.length) throw sheetInvalid(report)
  if (report.imported) setResponseStatus(event, 201)
  return report
}
