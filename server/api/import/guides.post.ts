import { importQuerySchema, SHEET_LIMITS } from '../../../shared/spreadsheet'
import { importGuideSheet } from '../../services/import/guide-sheets'
import { tooLarge } from '../../services/import/sheet-file'

/** An Excel workbook of the editor's own department's guides (sheets 办事指南 and 申请材料): checked (?dryRun=1) or imported as drafts. */
export default defineEventHandler(async (event) => {
  const actor = await requireActor(event, 'draft:import')
  const { dryRun } = validQuery(event, importQuerySchema)
  const departmentId = departmentScope(actor, 'draft:import')!
  const file = await withSheetErrors(readUploadedFile(event, 'file', SHEET_LIMITS.maxBytes, tooLarge))
  const { prisma } = await useDb()
  const report = await withSheetErrors(importGuideSheet(prisma, { ...auditActor(actor), id: actor.id }, departmentId, file, { dryRun, requestId: requestInfo(event).requestId ?? undefined }))
  if (!dryRun && report.errors.length) throw sheetInvalid(report)
  if (report.imported) setResponseStatus(event, 201)
  return report
})
