import { importQuerySchema, SHEET_LIMITS } from '../../../shared/spreadsheet'
import { importPowerItemSheet } from '../../services/import/spreadsheet'
import { tooLarge } from '../../services/import/sheet-file'

/** A spreadsheet of the editor's own department's power items: checked (?dryRun=1) or imported as drafts. */
export default defineEventHandler(async (event) => {
  const actor = await requireActor(event, 'draft:import')
  const { dryRun } = validQuery(event, importQuerySchema)
  const departmentId = departmentScope(actor, 'draft:import')!
  const file = await withSheetErrors(readUploadedFile(event, 'file', SHEET_LIMITS.maxBytes, tooLarge))
  const { prisma } = await useDb()
  const report = await withSheetErrors(importPowerItemSheet(prisma, { ...auditActor(actor), id: actor.id }, departmentId, file, { dryRun, requestId: requestInfo(event).requestId ?? undefined }))
  if (!dryRun && report.errors.length) throw sheetInvalid(report)
  if (report.imported) setResponseStatus(event, 201)
  return report
})
