import { importQuerySchema, SHEET_LIMITS } from '../../../shared/spreadsheet'
import { importSheet, SheetInvalidError } from '../../services/import/spreadsheet'
import { tooLarge } from '../../services/import/sheet-file'

/** A spreadsheet of the editor's own department's duties (责任事项): checked (?dryRun=1) or imported as drafts. */
export default defineEventHandler(async (event) => {
  const { db, actor, requestId } = await requireContext(event, 'draft:import')
  const { dryRun } = validQuery(event, importQuerySchema)
  const file = await readUploadedFile(event, 'file', SHEET_LIMITS.maxBytes, tooLarge)
  const report = await importSheet(db, 'duty', actor, departmentScope(actor, 'draft:import')!, file, { dryRun, requestId })
  if (!dryRun && report.errors.length) throw new SheetInvalidError(report)
  if (report.imported) setResponseStatus(event, 201)
  return report
})
