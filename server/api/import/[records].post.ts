import { DRAFT_KINDS, recordsParam } from '../../../shared/lists'
import { importQuerySchema, SHEET_LIMITS } from '../../../shared/spreadsheet'
import { EMBEDDED_IMPORT_BATCH, importSheet, SheetInvalidError } from '../../services/import/spreadsheet'
import { tooLarge } from '../../services/import/sheet-file'

/**
 * /api/import/{power-items|duties|funds|guides}: a spreadsheet of one list (or the guides, an
 * Excel workbook with their materials) of the editor's own department, checked (?dryRun=1) or
 * imported as drafts. Its body limit is the file's, 5 MB, read here;
 * server/middleware/04.input-limits.ts leaves multipart bodies to the route that reads them.
 * On the embedded database, which serves one transaction at a time, the drafts are written in
 * batches so that public pages keep answering.
 */
export default defineEventHandler(async (event) => {
  const { db, actor, requestId } = await requireContext(event, 'draft:import')
  const kind = validParam(event, 'records', recordsParam(DRAFT_KINDS))
  const { dryRun } = validQuery(event, importQuerySchema)
  const file = await readUploadedFile(event, 'file', SHEET_LIMITS.maxBytes, tooLarge)
  const batchSize = appConfig().databaseUrl ? undefined : EMBEDDED_IMPORT_BATCH
  const report = await importSheet(db, kind, actor, departmentScope(actor, 'draft:import')!, file, { dryRun, requestId, batchSize })
  if (!dryRun && report.errors.length) throw new SheetInvalidError(report)
  if (report.imported) setResponseStatus(event, 201)
  return report
})
