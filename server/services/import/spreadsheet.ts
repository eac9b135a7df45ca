// A department's power items as a spreadsheet: the empty template, the export of what is
// published, and the import that turns a filled-in sheet into drafts of that department
// (ChangeRequest DRAFT), all of them or none. The import checks the whole file first and
// reports every problem by row and column; a dry run reports what the import would do.
import type { Db, Prisma } from '../../utils/prisma'
import type { PowerItemFields } from '../../../shared/drafts'
import { itemTypeByKey, ITEM_TYPES } from '../../../shared/item-types'
import { ADMIN_LEVELS } from '../../../shared/lists'
import { ALIAS_SEPARATOR, SHEET_COLUMNS, SHEET_LIMITS, type RowOutcome, type SheetFormat, type SheetIssue, type SheetReport, type SheetRowReport } from '../../../shared/spreadsheet'
import { powerItemFieldsSchema } from '../../../shared/drafts'
import { appendAudit, type AuditActor } from '../audit'
import { createDraftIn, OPEN } from '../workflow/change-requests'
import { CONTENT_TYPES, type Download } from '../open-data/downloads'
import { LEVEL_NAMES } from '../open-data/labels'
import { table, toCsv, toXlsx, type Cell, type Column } from '../open-data/tables'
import { INSTRUCTIONS_SHEET, readSheetFile } from './sheet-file'
import { cellText, issue, parseSheet, splitAliases, type SheetRow } from './sheet-rows'

type Tx = Prisma.TransactionClient

const DATA_SHEET = '权力事项'

type PublishedItem = Pick<Prisma.PowerItemGetPayload<object>, 'code' | 'name' | 'aliases' | 'type' | 'groupName' | 'legalBasis' | 'level' | 'timeLimit' | 'fees' | 'contact'>

/** A published item's cells, in the template's columns: what the export writes and the import compares. */
const VALUES: Record<(typeof SHEET_COLUMNS)[number]['key'], (item: PublishedItem) => Cell> = {
  code: (i) => i.code,
  name: (i) => i.name,
  aliases: (i) => i.aliases.join(ALIAS_SEPARATOR),
  type: (i) => itemTypeByKey(i.type)?.zh ?? i.type,
  groupName: (i) => i.groupName,
  legalBasis: (i) => i.legalBasis,
  level: (i) => LEVEL_NAMES[i.level] ?? i.level,
  timeLimit: (i) => i.timeLimit,
  fees: (i) => i.fees,
  contact: (i) => i.contact,
}

const COLUMNS: Column<PublishedItem>[] = SHEET_COLUMNS.map((c) => ({ header: c.header, width: c.width, value: VALUES[c.key] }))

function download(format: SheetFormat, name: { zh: string; ascii: string }, body: string | Buffer): Download {
  return { fileName: `${name.zh}.${format}`, asciiFileName: `${name.ascii}.${format}`, contentType: CONTENT_TYPES[format], body }
}

const INSTRUCTIONS: [string, string][] = [
  ['用途', '每行一个权力事项。导入后成为本部门的草稿，提交审改办审核后才会公布。'],
  ['新增与修改', '事项编码是本部门已公布事项的，导入为该事项的修改草稿（内容没有变化的行不生成草稿）；新的事项编码导入为新增事项的草稿。'],
  ['不能导入的行', '其他部门的事项、已取消的事项、已有未完成变更的事项，以及同一文件中重复的事项编码。'],
  ['全部或全不', '文件中有任何错误时不会导入任何内容；导入页面会列出每个错误所在的行和列。'],
  ['限制', `文件不超过 ${SHEET_LIMITS.maxBytes / 1024 / 1024} MB，不超过 ${SHEET_LIMITS.maxRows} 行；第1行为列名，请勿修改列名。空行会被跳过。`],
  ['事项编码（必填）', '字母、数字和连字符。请把该列设为“文本”格式，以免 Excel 把长数字改成科学计数法。'],
  ['事项名称（必填）', '2 至 200 个字。'],
  ['俗称', `群众常用的叫法，多个用“${ALIAS_SEPARATOR}”分隔，最多 10 个，每个不超过 30 个字。`],
  ['事项类型（必填）', ITEM_TYPES.map((t) => t.zh).join('、')],
  ['所属主项', '不超过 200 个字。'],
  ['设定依据', '法律、法规、规章的名称和条款，不超过 5000 个字。'],
  ['行使层级（必填）', ADMIN_LEVELS.map((l) => LEVEL_NAMES[l]).join('、')],
  ['承诺时限', '如“20个工作日”，不超过 100 个字。'],
  ['收费', '如“不收费”，不超过 500 个字。'],
  ['咨询电话', '不超过 100 个字。'],
  ['公式', '请填写文本或数值；公式单元格按 Excel 保存的计算结果读取，没有结果的会被拒绝。'],
]

/** The empty template: the header row, and in Excel a second sheet explaining each column. */
export async function templateDownload(format: SheetFormat): Promise<Download> {
  const sheet = table<PublishedItem>(DATA_SHEET, COLUMNS, [])
  const name = { zh: '权力事项导入模板', ascii: 'power-items-template' }
  if (format === 'csv') return download(format, name, toCsv(sheet))
  const instructions = table<[string, string]>(INSTRUCTIONS_SHEET, [
    { header: '项目', value: (r) => r[0], width: 20 },
    { header: '说明', value: (r) => r[1], width: 100 },
  ], INSTRUCTIONS)
  return download(format, name, await toXlsx([sheet, instructions]))
}

/**
 * The department's items in force or delegated, in the template's columns, so that an export,
 * edited and imported, gives drafts of exactly the rows that were edited. Cancelled items can
 * no longer change and are left out. Null when the department does not exist.
 */
export async function exportDownload(db: Db, departmentId: number, format: SheetFormat): Promise<Download | null> {
  const department = await db.department.findUnique({ where: { id: departmentId }, select: { name: true } })
  if (!department) return null
  const items = await db.powerItem.findMany({ where: { departmentId, status: { not: 'CANCELLED' } }, orderBy: { code: 'asc' } })
  const sheet = table(DATA_SHEET, COLUMNS, items)
  const name = { zh: `${department.name}-权力事项`, ascii: `power-items-${departmentId}` }
  return download(format, name, format === 'csv' ? toCsv(sheet) : await toXlsx([sheet]))
}

type Plan =
  | { row: SheetRow; outcome: 'ADD' }
  | { row: SheetRow; outcome: 'UPDATE'; itemId: number; changed: string[] }
  | { row: SheetRow; outcome: 'UNCHANGED'; changed: [] }

/** A published item's fields as a row of the sheet would give them, so that equal means unchanged. */
function publishedFields(item: PublishedItem): PowerItemFields | null {
  const text = (key: (typeof SHEET_COLUMNS)[number]['key']) => cellText(String(VALUES[key](item) ?? '')).trim()
  const parsed = powerItemFieldsSchema.safeParse({
    name: text('name'),
    aliases: splitAliases(text('aliases')),
    type: item.type,
    groupName: text('groupName'),
    legalBasis: text('legalBasis'),
    level: item.level,
    timeLimit: text('timeLimit'),
    fees: text('fees'),
    contact: text('contact'),
  })
  return parsed.success ? parsed.data : null
}

function changedColumns(item: PublishedItem, fields: PowerItemFields): string[] {
  const published = publishedFields(item)
  return SHEET_COLUMNS.filter((c) => c.key !== 'code' && JSON.stringify(published?.[c.key] ?? null) !== JSON.stringify(fields[c.key])).map((c) => c.header)
}

/** What each valid row would become, against the records as they are now; problems by row. */
async function plan(db: Tx, departmentId: number, rows: SheetRow[]): Promise<{ errors: SheetIssue[]; plans: Plan[] }> {
  const items = rows.length
    ? await db.powerItem.findMany({ where: { code: { in: rows.map((r) => r.code) } }, include: { department: { select: { name: true } } } })
    : []
  const byCode = new Map(items.map((i) => [i.code, i]))
  // Open changes of these items, and proposed new items whose code a row would take.
  const open = rows.length
    ? await db.changeRequest.findMany({
      where: { entityType: 'POWER_ITEM', status: { in: OPEN }, OR: [{ entityId: { in: items.map((i) => i.id) } }, { action: 'ADD' }] },
      select: { id: true, entityId: true, action: true, payload: true },
      orderBy: { id: 'asc' },
    })
    : []
  const openByItem = new Map(open.filter((c) => c.entityId !== null).map((c) => [c.entityId!, c.id]))
  const proposedCodes = new Map(open.filter((c) => c.action === 'ADD').map((c) => [(c.payload as { code?: string }).code, c.id]))

  const errors: SheetIssue[] = []
  const plans: Plan[] = []
  const codeColumn = SHEET_COLUMNS[0].header
  for (const row of rows) {
    const item = byCode.get(row.code)
    const refuse = (code: Parameters<typeof issue>[2], params: Record<string, string | number>) => errors.push(issue(row.row, codeColumn, code, { code: row.code, ...params }))
    if (!item) {
      const proposal = proposedCodes.get(row.code)
      if (proposal) refuse('CODE_PROPOSED', { id: proposal })
      else plans.push({ row, outcome: 'ADD' })
    } else if (item.departmentId !== departmentId) {
      refuse('OTHER_DEPARTMENT', { department: item.department.name })
    } else if (item.status === 'CANCELLED') {
      refuse('ITEM_CANCELLED', {})
    } else if (openByItem.has(item.id)) {
      refuse('OPEN_CHANGE', { id: openByItem.get(item.id)! })
    } else {
      const changed = changedColumns(item, row.fields)
      plans.push(changed.length ? { row, outcome: 'UPDATE', itemId: item.id, changed } : { row, outcome: 'UNCHANGED', changed: [] })
    }
  }
  return { errors, plans }
}

function report(fileName: string, dryRun: boolean, errors: SheetIssue[], plans: Plan[], skipped: number[], created = new Map<number, number>()): SheetReport {
  const rows: SheetRowReport[] = [
    ...plans.map((p) => ({ row: p.row.row, outcome: p.outcome, code: p.row.code, name: p.row.fields.name, changed: p.outcome === 'ADD' ? [] : p.changed, changeRequestId: created.get(p.row.row) ?? null })),
    ...skipped.map((row) => ({ row, outcome: 'SKIPPED' as const, code: null, name: null, changed: [], changeRequestId: null })),
  ].sort((a, b) => a.row - b.row)
  const counts: Record<RowOutcome, number> = { ADD: 0, UPDATE: 0, UNCHANGED: 0, SKIPPED: 0 }
  for (const row of rows) counts[row.outcome]++
  errors.sort((a, b) => a.row - b.row)
  return { fileName, dryRun, imported: created.size > 0, errors, rows, counts }
}

/** Arbitrary, fixed key of the advisory lock under which one department's imports run one at a time. */
const IMPORT_LOCK = 7_340_033

export interface ImportOptions {
  dryRun: boolean
  requestId?: string
}

/**
 * Reads, checks and (unless a dry run, and only when the whole file is clean) imports a sheet as
 * drafts of `departmentId`, with one audit entry for the import beside each draft's own, in one
 * transaction. Throws SheetFileError for a file that is not a spreadsheet or is too large.
 */
export async function importPowerItemSheet(db: Db, actor: AuditActor & { id: number }, departmentId: number, file: { name: string; data: Uint8Array }, options: ImportOptions): Promise<SheetReport> {
  const sheet = parseSheet(await readSheetFile(file.name, file.data))
  // Wrong columns say nothing about the rows: they are reported alone.
  if (sheet.errors.some((e) => e.row === 1)) return report(file.name, options.dryRun, sheet.errors, [], [])
  if (options.dryRun || sheet.errors.length) {
    const checked = await plan(db, departmentId, sheet.rows)
    return report(file.name, options.dryRun, [...sheet.errors, ...checked.errors], checked.plans, sheet.skipped)
  }
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${IMPORT_LOCK}::int, ${departmentId}::int)`
    const checked = await plan(tx, departmentId, sheet.rows)
    const errors = [...sheet.errors, ...checked.errors]
    if (errors.length) return report(file.name, false, errors, checked.plans, sheet.skipped)
    const created = new Map<number, number>()
    for (const p of checked.plans) {
      if (p.outcome === 'UNCHANGED') continue
      const input = p.outcome === 'ADD'
        ? { entityType: 'POWER_ITEM' as const, action: 'ADD' as const, payload: { ...p.row.fields, code: p.row.code } }
        : { entityType: 'POWER_ITEM' as const, action: 'UPDATE' as const, entityId: p.itemId, payload: p.row.fields }
      created.set(p.row.row, (await createDraftIn(tx, actor, departmentId, input, options.requestId)).id)
    }
    const result = report(file.name, false, [], checked.plans, sheet.skipped, created)
    if (created.size) {
      await appendAudit(tx, actor, {
        action: 'draft.import',
        entityType: 'CHANGE_REQUEST',
        after: { fileName: file.name, departmentId, counts: result.counts, changeRequestIds: [...created.values()] },
        requestId: options.requestId,
      })
    }
    return result
  }, { timeout: 120_000, maxWait: 10_000 })
}
