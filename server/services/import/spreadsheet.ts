// A department's lists as spreadsheets, one per list (power items, duties, special funds; see
// sheet-lists.ts) and one workbook of its service guides (guide-sheets.ts): the empty template, the
// export of what is published, and the import that turns a filled-in sheet into drafts of that
// department (ChangeRequest DRAFT), all of them or none.
// The import checks the whole file first and reports every problem by row and column; a dry run
// reports what the import would do.
import type { Db, Prisma } from '../../utils/prisma'
import type { ApiErrorData } from '../../../shared/api'
import type { DraftInput } from '../../../shared/drafts'
import type { DraftKind } from '../../../shared/lists'
import type { RowOutcome, SheetFormat, SheetIssue, SheetReport, SheetRowReport } from '../../../shared/spreadsheet'
import { appendAudit, type AuditActor } from '../audit'
import { DomainError } from '../errors'
import { insertDrafts } from '../workflow/change-requests'
import { OPEN_CHANGE_REQUEST_STATUSES } from '../../../shared/workspace'
import { requestRecords } from '../workflow/audit-records'
import { CONTENT_TYPES, type Download } from '../open-data/downloads'
import { table, toCsv, toXlsx, type Column } from '../open-data/tables'
import { INSTRUCTIONS_SHEET, readSheetFile } from './sheet-file'
import { SHEET_LIST_DEFS, type SheetList, type SheetRecord } from './sheet-lists'
import { clearPending, markPending, pendingImportKey, undoImport } from './pending-imports'
import { issue, parseSheet, type SheetRow } from './sheet-rows'
import { guideExportDownload, guideTemplateDownload, importGuideSheet } from './guide-sheets'

type Tx = Prisma.TransactionClient

function columnsOf(list: SheetList): Column<{ code: string }>[] {
  return list.columns.map((c) => ({ header: c.header, width: c.width, value: list.values[c.key]!, money: list.money?.includes(c.key) }))
}

function download(format: SheetFormat, name: { zh: string; ascii: string }, body: string | Buffer): Download {
  return { fileName: `${name.zh}.${format}`, asciiFileName: `${name.ascii}.${format}`, contentType: CONTENT_TYPES[format], body }
}

/** The empty template of a list: the header row, and in Excel a second sheet explaining each column. */
export async function templateDownload(format: SheetFormat, key: DraftKind): Promise<Download> {
  if (key === 'guide') return guideTemplateDownload()
  const list = SHEET_LIST_DEFS[key]
  const sheet = table(list.sheetName, columnsOf(list), [])
  const name = { zh: `${list.sheetName}导入模板`, ascii: `${list.asciiName}-template` }
  if (format === 'csv') return download(format, name, toCsv(sheet))
  const instructions = table<[string, string]>(INSTRUCTIONS_SHEET, [
    { header: '项目', value: (r) => r[0], width: 24 },
    { header: '说明', value: (r) => r[1], width: 100 },
  ], list.instructions)
  return download(format, name, await toXlsx([sheet, instructions]))
}

/**
 * The department's records of a list that can still change (cancelled ones are left out), in the
 * template's columns, so that an export, edited and imported, gives drafts of exactly the rows
 * that were edited. Null when the department does not exist.
 */
export async function exportDownload(db: Db, departmentId: number, format: SheetFormat, key: DraftKind): Promise<Download | null> {
  if (key === 'guide') return guideExportDownload(db, departmentId)
  const list = SHEET_LIST_DEFS[key]
  const department = await db.department.findUnique({ where: { id: departmentId }, select: { name: true } })
  if (!department) return null
  const sheet = table(list.sheetName, columnsOf(list), await list.exportRecords(db, departmentId))
  const name = { zh: `${department.name}-${list.sheetName}`, ascii: `${list.asciiName}-${departmentId}` }
  return download(format, name, format === 'csv' ? toCsv(sheet) : await toXlsx([sheet]))
}

type Plan =
  | { row: SheetRow; outcome: 'ADD' }
  | { row: SheetRow; outcome: 'UPDATE'; recordId: number; changed: string[] }
  | { row: SheetRow; outcome: 'UNCHANGED'; changed: [] }

function draftOf(list: SheetList, p: Plan & { outcome: 'ADD' | 'UPDATE' }): DraftInput {
  // The fields passed the list's own draft schema in parseSheet.
  return (p.outcome === 'ADD'
    ? { entityType: list.entityType, action: 'ADD', payload: { ...p.row.fields, code: p.row.code } }
    : { entityType: list.entityType, action: 'UPDATE', entityId: p.recordId, payload: p.row.fields }) as DraftInput
}

function changedColumns(list: SheetList, record: { code: string }, fields: Record<string, unknown>): string[] {
  const published = list.fields(record)
  return list.columns.filter((c) => c.key !== 'code' && JSON.stringify(published?.[c.key] ?? null) !== JSON.stringify(fields[c.key] ?? null)).map((c) => c.header)
}

/**
 * The power items a duty sheet names, resolved to their ids: each must be in force (or delegated)
 * and of the importing department, as the workflow requires of a duty.
 */
async function resolveReferences(db: Tx | Db, list: SheetList, departmentId: number, rows: SheetRow[]): Promise<{ errors: SheetIssue[]; rows: SheetRow[] }> {
  if (!list.reference) return { errors: [], rows }
  const codes = [...new Set(rows.map((r) => r.reference).filter((c): c is string => !!c))]
  const items = codes.length ? await db.powerItem.findMany({ where: { code: { in: codes } }, select: { id: true, code: true, departmentId: true, status: true } }) : []
  const usable = new Map(items.filter((i) => i.departmentId === departmentId && i.status !== 'CANCELLED').map((i) => [i.code, i.id]))
  const header = list.columns.find((c) => c.key === list.reference)!.header
  const errors: SheetIssue[] = []
  const resolved: SheetRow[] = []
  for (const row of rows) {
    if (!row.reference) resolved.push(row)
    else if (usable.has(row.reference)) resolved.push({ ...row, fields: { ...row.fields, [list.reference]: usable.get(row.reference)! } })
    else errors.push(issue(row.row, header, 'POWER_ITEM_INVALID', { code: row.reference }))
  }
  return { errors, rows: resolved }
}

/** What each valid row would become, against the records as they are now; problems by row. */
async function plan(db: Tx | Db, list: SheetList, departmentId: number, parsed: SheetRow[]): Promise<{ errors: SheetIssue[]; plans: Plan[] }> {
  const { errors, rows } = await resolveReferences(db, list, departmentId, parsed)
  const records: (SheetRecord & { code: string })[] = rows.length ? await list.find(db, rows.map((r) => r.code)) : []
  const byCode = new Map(records.map((r) => [r.code, r]))
  // Open changes of these records, and proposed new records whose code a row would take.
  const open = rows.length
    ? await db.changeRequest.findMany({
      where: { entityType: list.entityType, status: { in: [...OPEN_CHANGE_REQUEST_STATUSES] }, OR: [{ entityId: { in: records.map((r) => r.id) } }, { action: 'ADD' }] },
      select: { id: true, entityId: true, action: true, payload: true },
      orderBy: { id: 'asc' },
    })
    : []
  const openByRecord = new Map(open.filter((c) => c.entityId !== null).map((c) => [c.entityId!, c.id]))
  const proposedCodes = new Map(open.filter((c) => c.action === 'ADD').map((c) => [(c.payload as { code?: string }).code, c.id]))

  const plans: Plan[] = []
  const codeColumn = list.columns[0]!.header
  for (const row of rows) {
    const record = byCode.get(row.code)
    const refuse = (code: Parameters<typeof issue>[2], params: Record<string, string | number>) => errors.push(issue(row.row, codeColumn, code, { noun: list.noun, code: row.code, ...params }))
    if (!record) {
      const proposal = proposedCodes.get(row.code)
      if (proposal) refuse('CODE_PROPOSED', { id: proposal })
      else plans.push({ row, outcome: 'ADD' })
    } else if (record.departmentId !== departmentId) {
      refuse('OTHER_DEPARTMENT', { department: record.department.name })
    } else if (record.status === 'CANCELLED') {
      refuse('ITEM_CANCELLED', {})
    } else if (openByRecord.has(record.id)) {
      refuse('OPEN_CHANGE', { id: openByRecord.get(record.id)! })
    } else {
      const changed = changedColumns(list, record, row.fields)
      plans.push(changed.length ? { row, outcome: 'UPDATE', recordId: record.id, changed } : { row, outcome: 'UNCHANGED', changed: [] })
    }
  }
  return { errors, plans }
}

function nameOf(fields: Record<string, unknown>): string | null {
  const name = fields.name ?? fields.title
  return typeof name === 'string' ? name : null
}

function report(fileName: string, dryRun: boolean, errors: SheetIssue[], plans: Plan[], skipped: number[], created = new Map<number, number>()): SheetReport {
  const rows: SheetRowReport[] = [
    ...plans.map((p) => ({ row: p.row.row, outcome: p.outcome, code: p.row.code, name: nameOf(p.row.fields), changed: p.outcome === 'ADD' ? [] : p.changed, changeRequestId: created.get(p.row.row) ?? null })),
    ...skipped.map((row) => ({ row, outcome: 'SKIPPED' as const, code: null, name: null, changed: [], changeRequestId: null })),
  ].sort((a, b) => a.row - b.row)
  const counts: Record<RowOutcome, number> = { ADD: 0, UPDATE: 0, UNCHANGED: 0, SKIPPED: 0 }
  for (const row of rows) counts[row.outcome]++
  errors.sort((a, b) => a.row - b.row)
  return { fileName, dryRun, imported: created.size > 0, errors, rows, counts }
}

/** Arbitrary, fixed key of the advisory lock under which one department's imports run one at a time. */
const IMPORT_LOCK = 7_340_033

/** A sheet with errors that was to be imported for real: 422 with the report, nothing written. */
export class SheetInvalidError extends DomainError {
  constructor(readonly report: SheetReport) {
    super(422, 'SHEET_INVALID', `文件有 ${report.errors.length} 处错误，没有导入任何内容`)
  }

  override answer(): ApiErrorData {
    const issues = this.report.errors.map((e) => ({ path: `${e.row}.${e.column ?? ''}`, message: e.message }))
    return { ...super.answer(), issues, report: this.report }
  }
}

/**
 * Drafts per transaction on the embedded database, which serves one transaction at a time: public
 * pages wait for one batch (a tenth of a second or so) instead of the whole import.
 */
export const EMBEDDED_IMPORT_BATCH = 50

/**
 * The pause between two batches. The database takes waiting queries in turn, and a page asks
 * several one after another: without a pause each of them would wait for a batch of its own.
 */
const BATCH_PAUSE_MS = 50

export interface ImportOptions {
  dryRun: boolean
  requestId?: string
  /**
   * Drafts written per transaction (default: all in one). The embedded PGlite serves one
   * transaction at a time, public pages included: there an import is written in batches.
   */
  batchSize?: number
}

/**
 * Reads, checks and (unless a dry run, and only when the whole file is clean) imports a sheet of
 * one list as drafts of `departmentId`, with one audit entry for the import beside each draft's
 * own. The whole sheet is checked in the transaction that writes the first batch; each later
 * batch checks its rows again in its own, since other drafts may have been made in between, and
 * a problem found then withdraws what the import wrote (pending-imports.ts) and is reported like
 * any other. Throws SheetFileError for a file that is not a spreadsheet or is too large.
 */
export async function importSheet(db: Db, key: DraftKind, actor: AuditActor & { id: number }, departmentId: number, file: { name: string; data: Uint8Array }, options: ImportOptions): Promise<SheetReport> {
  if (key === 'guide') return importGuideSheet(db, actor, departmentId, file, options)
  const list = SHEET_LIST_DEFS[key]
  const sheet = parseSheet(await readSheetFile(file.name, file.data), list)
  // Wrong columns say nothing about the rows: they are reported alone.
  if (sheet.errors.some((e) => e.row === 1)) return report(file.name, options.dryRun, sheet.errors, [], [])
  if (options.dryRun || sheet.errors.length) {
    const checked = await plan(db, list, departmentId, sheet.rows)
    return report(file.name, options.dryRun, [...sheet.errors, ...checked.errors], checked.plans, sheet.skipped)
  }
  const batchSize = options.batchSize ?? Number.POSITIVE_INFINITY
  const pending = pendingImportKey()
  const plans = new Map<number, Plan>()
  let rows = sheet.rows
  const created = new Map<number, number>()
  const writeBatch = (batch: number) => db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${IMPORT_LOCK}::int, ${departmentId}::int)`
    const checked = await plan(tx, list, departmentId, rows.slice(0, batch === 0 ? rows.length : batchSize))
    if (checked.errors.length) return { done: false as const, errors: checked.errors, plans: checked.plans }
    for (const p of checked.plans) plans.set(p.row.row, p)
    if (batch === 0) rows = checked.plans.filter((p) => p.outcome !== 'UNCHANGED').map((p) => p.row)
    const writes = rows.slice(0, batchSize).map((row) => plans.get(row.row)!).filter((p): p is Plan & { outcome: 'ADD' | 'UPDATE' } => p.outcome !== 'UNCHANGED')
    // plan() reported every row's problem; insertDrafts checks each draft again as a manual one
    // is (checkReferences) and writes them together, so that the transaction stays short.
    const drafts = await insertDrafts(tx, actor, departmentId, writes.map((p) => draftOf(list, p)), options.requestId)
    writes.forEach((p, i) => created.set(p.row.row, drafts[i]!.id))
    rows = rows.slice(batchSize)
    if (rows.length) {
      await markPending(tx, pending, departmentId, [...created.values()])
      return null
    }
    await clearPending(tx, pending)
    const result = report(file.name, false, [], [...plans.values()], sheet.skipped, created)
    if (created.size) {
      await appendAudit(tx, actor, {
        action: 'draft.import',
        entityType: 'CHANGE_REQUEST',
        after: { fileName: file.name, list: list.entityType, departmentId, counts: result.counts, changeRequestIds: [...created.values()] },
        requestId: options.requestId,
        records: await requestRecords(tx, await tx.changeRequest.findMany({ where: { id: { in: [...created.values()] } } })),
      })
    }
    return { done: true as const, result }
  }, { timeout: 120_000, maxWait: 10_000 })
  for (let batch = 0; ; batch++) {
    let outcome: Awaited<ReturnType<typeof writeBatch>>
    try {
      outcome = await writeBatch(batch)
    } catch (error) {
      if (batch > 0) await undoImport(db, actor, pending, options.requestId)
      throw error
    }
    if (!outcome) {
      await new Promise((resolve) => setTimeout(resolve, BATCH_PAUSE_MS))
      continue
    }
    if (outcome.done) return outcome.result
    if (batch > 0) await undoImport(db, actor, pending, options.requestId)
    for (const p of outcome.plans) plans.set(p.row.row, p)
    return report(file.name, false, [...sheet.errors, ...outcome.errors], [...plans.values()], sheet.skipped)
  }
}
