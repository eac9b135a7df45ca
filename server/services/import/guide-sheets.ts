// Service guides (办事指南) as a spreadsheet: one Excel file, a guide per row on the sheet 办事指南
// and its materials on the sheet 申请材料, one row each, keyed by item code. The template, the
// export of the department's guides, and the import with the same whole-file check as the lists:
// every problem by sheet, row and column, and no draft unless the whole file is clean. A clean file
// becomes one SERVICE_GUIDE draft per changed guide, in one transaction.
import type { Db, Prisma } from '../../utils/prisma'
import { guideFieldsSchema, MATERIAL_FORMS, MATERIAL_SOURCES, ONLINE_LEVELS, type GuideFields, type GuideMaterial } from '../../../shared/guides'
import { MATERIAL_FORM_NAMES, MATERIAL_SOURCE_NAMES, ONLINE_LEVEL_NAMES } from '../labels'
import { itemCodeSchema } from '../../../shared/items'
import { SHEET_LIMITS, type RowOutcome, type SheetIssue, type SheetIssueCode, type SheetReport, type SheetRowReport } from '../../../shared/spreadsheet'
import { appendAudit, type AuditActor } from '../audit'
import { createDraftIn } from '../workflow/change-requests'
import { OPEN_CHANGE_REQUEST_STATUSES } from '../../../shared/workspace'
import { CONTENT_TYPES, type Download } from '../open-data/downloads'
import { table, toXlsx, type Cell, type Column } from '../open-data/tables'
import { guideFields, guideInclude } from '../guides/records'
import { INSTRUCTIONS_SHEET, readWorkbookSheets, type RawCell, type RawRow } from './sheet-file'
import { cellText, issue } from './sheet-rows'
import { canonicalJson } from '../../../shared/diff'

type Tx = Prisma.TransactionClient

export const GUIDE_SHEET = '办事指南'
export const MATERIAL_SHEET = '申请材料'

const GUIDE_COLUMNS = [
  { key: 'code', header: '事项编码', width: 50 },
  { key: 'itemName', header: '事项名称', width: 36 },
  { key: 'conditions', header: '受理条件', width: 50 },
  { key: 'steps', header: '办理流程', width: 50 },
  { key: 'halls', header: '办理地点', width: 30 },
  { key: 'legalTimeLimitDays', header: '法定时限（工作日）', width: 12 },
  { key: 'promisedTimeLimitDays', header: '承诺时限（工作日）', width: 12 },
  { key: 'feeFree', header: '是否收费', width: 10 },
  { key: 'feeStandard', header: '收费标准', width: 24 },
  { key: 'feeBasis', header: '收费依据', width: 36 },
  { key: 'visits', header: '到现场次数', width: 10 },
  { key: 'onlineLevel', header: '网上办理深度', width: 14 },
  { key: 'onlineUrl', header: '网上办理地址', width: 40 },
  { key: 'consultPhone', header: '咨询电话', width: 16 },
  { key: 'complaintPhone', header: '监督投诉电话', width: 16 },
  { key: 'resultName', header: '办理结果', width: 24 },
  { key: 'faqs', header: '常见问题', width: 50 },
  { key: 'legalBasis', header: '设定依据', width: 40 },
] as const

const MATERIAL_COLUMNS = [
  { key: 'code', header: '事项编码', width: 50 },
  { key: 'name', header: '材料名称', width: 36 },
  { key: 'required', header: '是否必需', width: 10 },
  { key: 'requiredWhen', header: '需要情形', width: 30 },
  { key: 'originalCount', header: '原件份数', width: 10 },
  { key: 'copyCount', header: '复印件份数', width: 10 },
  { key: 'form', header: '材料形式', width: 12 },
  { key: 'source', header: '来源', width: 14 },
  { key: 'issuedBy', header: '出具部门', width: 24 },
  { key: 'sampleUrl', header: '空白表格或样表', width: 30 },
  { key: 'note', header: '说明', width: 30 },
] as const

type GuideKey = (typeof GUIDE_COLUMNS)[number]['key']
type MaterialKey = (typeof MATERIAL_COLUMNS)[number]['key']
const header = (columns: readonly { key: string; header: string }[], key: string) => columns.find((c) => c.key === key)!.header

/** A guide's materials may run to several thousand rows for a large department. */
const MATERIAL_ROWS = SHEET_LIMITS.maxRows * 5

// ---- cells ↔ fields ----

const FEE = { 不收费: true, 收费: false } as const
const YES_NO = { 是: true, 否: false } as const
const lines = (text: string) => text.split('\n').map((l) => l.trim()).filter(Boolean)

/** 《法》第X条 → the law (up to its closing 》) and the article after it. */
function legalBasisOf(line: string) {
  const end = line.lastIndexOf('》')
  return end < 0 ? { law: line, article: null } : { law: line.slice(0, end + 1).trim(), article: line.slice(end + 1).trim() || null }
}

/** A guide as the sheet's cells, so that an exported file imports unchanged. */
function guideCells(item: { code: string; name: string }, g: GuideFields | null, hallNames: Map<number, string>): Record<GuideKey, Cell> {
  return {
    code: item.code,
    itemName: item.name,
    conditions: g ? g.conditions.join('\n') : null,
    steps: g ? g.steps.map((s) => (s.description ? `${s.title}：${s.description}` : s.title)).join('\n') : null,
    halls: g ? g.hallIds.map((id) => hallNames.get(id) ?? '').join('\n') : null,
    legalTimeLimitDays: g?.legalTimeLimitDays ?? null,
    promisedTimeLimitDays: g?.promisedTimeLimitDays ?? null,
    feeFree: g?.feeFree === undefined || g?.feeFree === null ? null : g.feeFree ? '不收费' : '收费',
    feeStandard: g?.feeStandard ?? null,
    feeBasis: g?.feeBasis ?? null,
    visits: g?.visits ?? null,
    onlineLevel: g?.onlineLevel ? ONLINE_LEVEL_NAMES[g.onlineLevel] : null,
    onlineUrl: g?.onlineUrl ?? null,
    consultPhone: g?.consultPhone ?? null,
    complaintPhone: g?.complaintPhone ?? null,
    resultName: g?.resultName ?? null,
    faqs: g ? g.faqs.map((q) => `${q.question}｜${q.answer}`).join('\n') : null,
    legalBasis: g ? g.legalBasis.map((b) => `${b.law}${b.article ?? ''}`).join('\n') : null,
  }
}

function materialCells(code: string, m: GuideMaterial): Record<MaterialKey, Cell> {
  return {
    code,
    name: m.name,
    required: m.required ? '是' : '否',
    requiredWhen: m.requiredWhen,
    originalCount: m.originalCount,
    copyCount: m.copyCount,
    form: MATERIAL_FORM_NAMES[m.form],
    source: MATERIAL_SOURCE_NAMES[m.source],
    issuedBy: m.issuedBy,
    sampleUrl: m.sampleUrl,
    note: m.note,
  }
}

const INSTRUCTIONS: [string, string][] = [
  ['用途', '本部门事项的办事指南。导入后每个有变化的事项成为一份办事指南修改草稿，提交审改办审核后才会公布；内容没有变化的事项不生成草稿。'],
  ['两个工作表', `「${GUIDE_SHEET}」每行一个事项的办事指南；「${MATERIAL_SHEET}」每行一项申请材料，按事项编码对应，同一事项的材料按行的先后排列。一个事项的材料全部写在「${MATERIAL_SHEET}」中：导入后该事项的材料就是这些行。`],
  ['全部或全不', '文件中有任何错误时不会导入任何内容；导入页面会列出每个错误所在的工作表、行和列。'],
  ['限制', `只接受 Excel（.xlsx）文件，不超过 ${SHEET_LIMITS.maxBytes / 1024 / 1024} MB；「${GUIDE_SHEET}」不超过 ${SHEET_LIMITS.maxRows} 行，「${MATERIAL_SHEET}」不超过 ${MATERIAL_ROWS} 行。第1行为列名，请勿修改。`],
  ['事项编码（必填）', '本部门实施中事项的编码。请把该列设为“文本”格式。「事项名称」仅供阅读，导入时不读取。'],
  ['受理条件、办理流程、常见问题、设定依据', '一个单元格内每行一条（Excel 中按 Alt+Enter 换行）。办理流程写“环节：说明”；常见问题写“问题｜回答”；设定依据写“《法律法规名称》第X条”。'],
  ['办理地点', '本部门服务窗口的名称，每行一个，须与“服务窗口”中的名称一致。'],
  ['法定时限、承诺时限', '工作日数，整数；承诺时限填 0 表示即办，不能长于法定时限；可不填。'],
  ['是否收费', `${Object.keys(FEE).join('、')}，或不填（未说明）。收费的须填写收费标准和收费依据。`],
  ['到现场次数（必填）', '0 至 10 的整数；全程网办的事项为 0。'],
  ['网上办理深度', `${ONLINE_LEVELS.map((l) => ONLINE_LEVEL_NAMES[l]).join('、')}，或不填（不能网上办理）。全程网办和网上预审须填写网上办理地址（http:// 或 https:// 开头）。`],
  ['申请材料：是否必需', '是、否；不填为“是”。填“否”的须写明需要情形。'],
  ['申请材料：份数、形式、来源', `原件份数、复印件份数为整数；材料形式：${MATERIAL_FORMS.map((f) => MATERIAL_FORM_NAMES[f]).join('、')}（不填为纸质）；来源：${MATERIAL_SOURCES.map((s) => MATERIAL_SOURCE_NAMES[s]).join('、')}（不填为申请人自备），部门出具的须填写出具部门。`],
]

// ---- downloads ----

function sheets(rows: { item: { code: string; name: string }; guide: GuideFields | null }[], hallNames: Map<number, string>) {
  const guideColumns: Column<Record<GuideKey, Cell>>[] = GUIDE_COLUMNS.map((c) => ({ header: c.header, width: c.width, value: (r) => r[c.key] }))
  const materialColumns: Column<Record<MaterialKey, Cell>>[] = MATERIAL_COLUMNS.map((c) => ({ header: c.header, width: c.width, value: (r) => r[c.key] }))
  return [
    table(GUIDE_SHEET, guideColumns, rows.map((r) => guideCells(r.item, r.guide, hallNames))),
    table(MATERIAL_SHEET, materialColumns, rows.flatMap((r) => (r.guide?.materials ?? []).map((m) => materialCells(r.item.code, m)))),
    table<[string, string]>(INSTRUCTIONS_SHEET, [{ header: '项目', value: (r) => r[0], width: 28 }, { header: '说明', value: (r) => r[1], width: 100 }], INSTRUCTIONS),
  ]
}

const xlsx = (name: { zh: string; ascii: string }, body: Buffer): Download => ({ fileName: `${name.zh}.xlsx`, asciiFileName: `${name.ascii}.xlsx`, contentType: CONTENT_TYPES.xlsx, body })

export async function guideTemplateDownload(): Promise<Download> {
  return xlsx({ zh: '办事指南导入模板', ascii: 'guides-template' }, await toXlsx(sheets([], new Map())))
}

/** The department's items in force with their guides, in the template's sheets; null when the department does not exist. */
export async function guideExportDownload(db: Db, departmentId: number): Promise<Download | null> {
  const department = await db.department.findUnique({ where: { id: departmentId }, select: { name: true } })
  if (!department) return null
  const [items, halls] = await Promise.all([
    db.powerItem.findMany({ where: { departmentId, status: { not: 'CANCELLED' } }, orderBy: { code: 'asc' }, include: { guide: { include: guideInclude } } }),
    db.serviceHall.findMany({ where: { departmentId }, select: { id: true, name: true } }),
  ])
  const rows = items.map((item) => ({ item, guide: item.guide ? guideFields(item.guide) : null }))
  return xlsx({ zh: `${department.name}-办事指南`, ascii: `guides-${departmentId}` }, await toXlsx(sheets(rows, new Map(halls.map((h) => [h.id, h.name])))))
}

// ---- reading the file ----

/** A problem on one of the two sheets: named by sheet, row and column. */
function sheetIssue(sheet: string, row: number, column: string | null, code: SheetIssueCode, params: Record<string, string | number> = {}): SheetIssue {
  const found = issue(row, column, code, params)
  return { ...found, sheet, message: `「${sheet}」${found.message}` }
}

function checkHeader(sheet: string, columns: readonly { key: string; header: string }[], rows: RawRow[] | undefined): { errors: SheetIssue[]; index: Map<string, number> } {
  const expected = columns.map((c) => c.header).join('、')
  if (!rows) return { errors: [sheetIssue(sheet, 1, null, 'NO_SHEET', { sheet })], index: new Map() }
  const first = rows[0]
  if (!first || first.row !== 1) return { errors: [sheetIssue(sheet, 1, null, 'NO_HEADER', { expected })], index: new Map() }
  const errors: SheetIssue[] = []
  const index = new Map<string, number>()
  first.cells.forEach((cell, i) => {
    const name = cell.text.trim()
    if (!name) return
    const column = columns.find((c) => c.header === name)
    if (!column) errors.push(sheetIssue(sheet, 1, name, 'UNKNOWN_COLUMN', { expected }))
    else if (index.has(column.key)) errors.push(sheetIssue(sheet, 1, name, 'DUPLICATE_COLUMN'))
    else index.set(column.key, i)
  })
  for (const column of columns) if (!index.has(column.key)) errors.push(sheetIssue(sheet, 1, column.header, 'MISSING_COLUMN'))
  return { errors, index }
}

/** The cells of a row by column key, each problem of a cell reported once, the first found. */
function rowReader(sheet: string, columns: readonly { key: string; header: string }[], raw: RawRow, index: Map<string, number>, errors: SheetIssue[]) {
  const add = (key: string, code: SheetIssueCode, params: Record<string, string | number> = {}) => {
    const column = header(columns, key)
    if (!errors.some((e) => e.sheet === sheet && e.row === raw.row && e.column === column)) errors.push(sheetIssue(sheet, raw.row, column, code, params))
  }
  const cell = (key: string): RawCell => raw.cells[index.get(key)!] ?? { text: '' }
  const text = (key: string) => {
    const c = cell(key)
    if (c.problem) add(key, c.problem.code, { value: c.problem.value })
    return cellText(c.text).trim()
  }
  const integer = (key: string): number | null | undefined => {
    const value = text(key)
    if (!value) return null
    if (!/^\d+$/.test(value)) { add(key, 'INVALID', { detail: '应为不小于0的整数' }); return undefined }
    return Number(value)
  }
  const choice = <T extends string | boolean>(key: string, names: Record<string, T>, empty: T | null): T | null | undefined => {
    const value = text(key)
    if (!value) return empty
    if (!(value in names)) { add(key, 'INVALID_CHOICE', { value, allowed: Object.keys(names).join('、') }); return undefined }
    return names[value]
  }
  const code = () => {
    const c = cell('code')
    const value = text('code')
    if (c.number !== undefined && !Number.isSafeInteger(c.number)) { add('code', 'NUMBER_CODE', { noun: '事项' }); return null }
    if (!value) { add('code', 'REQUIRED'); return null }
    if (!itemCodeSchema.safeParse(value).success) { add('code', value.length > 200 ? 'TOO_LONG' : 'INVALID_CODE', { max: 200 }); return null }
    return value
  }
  return { text, integer, choice, code, add }
}

interface GuideRow { row: number; code: string; fields: Omit<GuideFields, 'materials' | 'hallIds'>; halls: string[]; materials: { row: number; material: Record<string, unknown> }[] }

const invert = <T extends string>(names: Record<T, string>): Record<string, T> => Object.fromEntries((Object.keys(names) as T[]).map((k) => [names[k], k])) as Record<string, T>

/** The two sheets as guide rows with their materials; every problem of a cell by sheet, row and column. */
function parseGuideSheets(workbook: Map<string, RawRow[]>): { errors: SheetIssue[]; rows: GuideRow[]; skipped: number[] } {
  const guideHeader = checkHeader(GUIDE_SHEET, GUIDE_COLUMNS, workbook.get(GUIDE_SHEET))
  const materialHeader = checkHeader(MATERIAL_SHEET, MATERIAL_COLUMNS, workbook.get(MATERIAL_SHEET))
  // Wrong columns say nothing about the rows: they are reported alone.
  if (guideHeader.errors.length || materialHeader.errors.length) return { errors: [...guideHeader.errors, ...materialHeader.errors], rows: [], skipped: [] }

  const errors: SheetIssue[] = []
  const rows: GuideRow[] = []
  const seen = new Map<string, number>()
  const guideRows = workbook.get(GUIDE_SHEET)!.slice(1)
  for (const raw of guideRows) {
    const r = rowReader(GUIDE_SHEET, GUIDE_COLUMNS, raw, guideHeader.index, errors)
    const code = r.code()
    if (code && seen.has(code)) r.add('code', 'DUPLICATE_CODE', { noun: '事项', code, first: seen.get(code)! })
    else if (code) seen.set(code, raw.row)
    const visits = r.integer('visits')
    if (visits === null) r.add('visits', 'REQUIRED')
    const fields = {
      conditions: lines(r.text('conditions')),
      steps: lines(r.text('steps')).map((l) => {
        const at = l.search(/[：:]/)
        return at < 0 ? { title: l, description: null } : { title: l.slice(0, at).trim(), description: l.slice(at + 1).trim() || null }
      }),
      legalTimeLimitDays: r.integer('legalTimeLimitDays'),
      promisedTimeLimitDays: r.integer('promisedTimeLimitDays'),
      feeFree: r.choice('feeFree', FEE, null),
      feeStandard: r.text('feeStandard') || null,
      feeBasis: r.text('feeBasis') || null,
      visits,
      onlineLevel: r.choice('onlineLevel', invert(ONLINE_LEVEL_NAMES), null),
      onlineUrl: r.text('onlineUrl') || null,
      consultPhone: r.text('consultPhone') || null,
      complaintPhone: r.text('complaintPhone') || null,
      resultName: r.text('resultName') || null,
      faqs: lines(r.text('faqs')).map((l) => {
        const at = l.search(/[｜|]/)
        return at < 0 ? { question: l, answer: '' } : { question: l.slice(0, at).trim(), answer: l.slice(at + 1).trim() }
      }),
      legalBasis: lines(r.text('legalBasis')).map(legalBasisOf),
    }
    if (code && !errors.some((e) => e.sheet === GUIDE_SHEET && e.row === raw.row)) {
      rows.push({ row: raw.row, code, fields: fields as GuideRow['fields'], halls: lines(r.text('halls')), materials: [] })
    } else if (code) {
      // Kept (with its cells as read) so that its materials are not reported as without a guide.
      rows.push({ row: raw.row, code, fields: fields as GuideRow['fields'], halls: [], materials: [] })
    }
  }
  const byCode = new Map(rows.map((g) => [g.code, g]))
  for (const raw of workbook.get(MATERIAL_SHEET)!.slice(1)) {
    const r = rowReader(MATERIAL_SHEET, MATERIAL_COLUMNS, raw, materialHeader.index, errors)
    const code = r.code()
    if (code && !byCode.has(code)) r.add('code', 'NOT_IN_GUIDE_SHEET', { code })
    const material = {
      name: r.text('name'),
      required: r.choice('required', YES_NO, true),
      requiredWhen: r.text('requiredWhen') || null,
      originalCount: r.integer('originalCount') ?? 0,
      copyCount: r.integer('copyCount') ?? 0,
      form: r.choice('form', invert(MATERIAL_FORM_NAMES), 'PAPER'),
      source: r.choice('source', invert(MATERIAL_SOURCE_NAMES), 'SELF'),
      issuedBy: r.text('issuedBy') || null,
      sampleUrl: r.text('sampleUrl') || null,
      note: r.text('note') || null,
    }
    if (!material.name) r.add('name', 'REQUIRED')
    if (code && byCode.has(code)) byCode.get(code)!.materials.push({ row: raw.row, material })
  }
  const present = new Set(guideRows.map((r) => r.row))
  const last = guideRows.at(-1)?.row ?? 1
  const skipped = Array.from({ length: Math.max(0, last - 1) }, (_, i) => i + 2).filter((n) => !present.has(n))
  return { errors, rows, skipped }
}

/** Where a schema issue of an assembled guide is in the file: its guide row, or the row of the material it names. */
function locate(row: GuideRow, path: PropertyKey[]): { sheet: string; row: number; column: string } {
  const [field, index, sub] = path
  if (field === 'materials' && typeof index === 'number' && row.materials[index]) {
    const key = MATERIAL_COLUMNS.find((c) => c.key === sub)?.key ?? 'name'
    return { sheet: MATERIAL_SHEET, row: row.materials[index]!.row, column: header(MATERIAL_COLUMNS, key) }
  }
  const key = field === 'hallIds' ? 'halls' : GUIDE_COLUMNS.find((c) => c.key === field)?.key ?? 'code'
  return { sheet: GUIDE_SHEET, row: row.row, column: header(GUIDE_COLUMNS, key) }
}

// ---- checking against the database, and importing ----

type Plan = { row: GuideRow; itemId: number; name: string; fields: GuideFields; outcome: 'UPDATE' | 'UNCHANGED'; changed: string[] }

const CHANGE_COLUMNS: { key: keyof GuideFields; header: string }[] = [
  ...GUIDE_COLUMNS.filter((c) => c.key !== 'code' && c.key !== 'itemName' && c.key !== 'halls').map((c) => ({ key: c.key as keyof GuideFields, header: c.header })),
  { key: 'hallIds', header: header(GUIDE_COLUMNS, 'halls') },
  { key: 'materials', header: MATERIAL_SHEET },
]

async function plan(db: Tx | Db, departmentId: number, rows: GuideRow[]): Promise<{ errors: SheetIssue[]; plans: Plan[] }> {
  const errors: SheetIssue[] = []
  const plans: Plan[] = []
  if (!rows.length) return { errors, plans }
  const [items, halls, open] = await Promise.all([
    db.powerItem.findMany({ where: { code: { in: rows.map((r) => r.code) } }, include: { department: { select: { name: true } }, guide: { include: guideInclude } } }),
    db.serviceHall.findMany({ where: { departmentId }, select: { id: true, name: true } }),
    db.changeRequest.findMany({ where: { entityType: 'SERVICE_GUIDE', status: { in: [...OPEN_CHANGE_REQUEST_STATUSES] } }, select: { id: true, entityId: true } }),
  ])
  const byCode = new Map(items.map((i) => [i.code, i]))
  const hallByName = new Map(halls.map((h) => [h.name, h.id]))
  const openFor = new Map(open.map((o) => [o.entityId, o.id]))
  const codeColumn = header(GUIDE_COLUMNS, 'code')
  for (const row of rows) {
    const refuse = (code: SheetIssueCode, params: Record<string, string | number>) => errors.push(sheetIssue(GUIDE_SHEET, row.row, codeColumn, code, { noun: '事项', code: row.code, ...params }))
    const item = byCode.get(row.code)
    if (!item) { refuse('ITEM_NOT_FOUND', {}); continue }
    if (item.departmentId !== departmentId) { refuse('OTHER_DEPARTMENT', { department: item.department.name }); continue }
    if (item.status === 'CANCELLED') { refuse('ITEM_CANCELLED', {}); continue }
    if (openFor.has(item.id)) { refuse('OPEN_CHANGE', { id: openFor.get(item.id)! }); continue }
    const unknown = row.halls.filter((h) => !hallByName.has(h))
    for (const value of unknown) errors.push(sheetIssue(GUIDE_SHEET, row.row, header(GUIDE_COLUMNS, 'halls'), 'HALL_NOT_FOUND', { value, allowed: halls.map((h) => h.name).join('、') || '（无）' }))
    const parsed = guideFieldsSchema.safeParse({ ...row.fields, materials: row.materials.map((m) => m.material), hallIds: row.halls.map((h) => hallByName.get(h) ?? 0) })
    if (!parsed.success) {
      for (const problem of parsed.error.issues) {
        if (problem.path[0] === 'hallIds' && unknown.length) continue
        const at = locate(row, problem.path)
        if (!errors.some((e) => e.sheet === at.sheet && e.row === at.row && e.column === at.column)) errors.push(sheetIssue(at.sheet, at.row, at.column, 'INVALID', { detail: problem.message }))
      }
      continue
    }
    if (unknown.length) continue
    const published = item.guide ? guideFields(item.guide) : null
    const changed = CHANGE_COLUMNS.filter((c) => canonicalJson(published?.[c.key] ?? null) !== canonicalJson(parsed.data[c.key] ?? null)).map((c) => c.header)
    plans.push({ row, itemId: item.id, name: item.name, fields: parsed.data, outcome: changed.length ? 'UPDATE' : 'UNCHANGED', changed })
  }
  return { errors, plans }
}

function report(fileName: string, dryRun: boolean, errors: SheetIssue[], plans: Plan[], skipped: number[], created = new Map<number, number>()): SheetReport {
  const rows: SheetRowReport[] = [
    ...plans.map((p) => ({ row: p.row.row, outcome: p.outcome as RowOutcome, code: p.row.code, name: p.name, changed: p.changed, changeRequestId: created.get(p.row.row) ?? null })),
    ...skipped.map((row) => ({ row, outcome: 'SKIPPED' as const, code: null, name: null, changed: [], changeRequestId: null })),
  ].sort((a, b) => a.row - b.row)
  const counts: Record<RowOutcome, number> = { ADD: 0, UPDATE: 0, UNCHANGED: 0, SKIPPED: 0 }
  for (const row of rows) counts[row.outcome]++
  const order = (e: SheetIssue) => (e.sheet === MATERIAL_SHEET ? 1 : 0)
  errors.sort((a, b) => order(a) - order(b) || a.row - b.row)
  return { fileName, dryRun, imported: created.size > 0, errors, rows, counts }
}

/** Arbitrary, fixed key of the advisory lock under which one department's guide imports run one at a time. */
const GUIDE_IMPORT_LOCK = 7_340_034

/**
 * Reads, checks and (unless a dry run, and only when the whole file is clean) imports a guide
 * workbook as SERVICE_GUIDE drafts of `departmentId`, with one audit entry for the import beside
 * each draft's own, in one transaction. Throws SheetFileError for a file that is not an Excel workbook.
 */
export async function importGuideSheet(db: Db, actor: AuditActor & { id: number }, departmentId: number, file: { name: string; data: Uint8Array }, options: { dryRun: boolean; requestId?: string }): Promise<SheetReport> {
  const sheets = parseGuideSheets(await readWorkbookSheets(file.data, (sheet) => (sheet === MATERIAL_SHEET ? MATERIAL_ROWS : SHEET_LIMITS.maxRows)))
  if (sheets.errors.some((e) => e.row === 1)) return report(file.name, options.dryRun, sheets.errors, [], [])
  const valid = sheets.rows.filter((r) => !sheets.errors.some((e) => (e.sheet === GUIDE_SHEET && e.row === r.row) || (e.sheet === MATERIAL_SHEET && r.materials.some((m) => m.row === e.row))))
  if (options.dryRun || sheets.errors.length) {
    const checked = await plan(db, departmentId, valid)
    return report(file.name, options.dryRun, [...sheets.errors, ...checked.errors], checked.plans, sheets.skipped)
  }
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${GUIDE_IMPORT_LOCK}::int, ${departmentId}::int)`
    const checked = await plan(tx, departmentId, valid)
    if (checked.errors.length) return report(file.name, false, checked.errors, checked.plans, sheets.skipped)
    const created = new Map<number, number>()
    for (const p of checked.plans) {
      if (p.outcome === 'UNCHANGED') continue
      const draft = await createDraftIn(tx, actor, departmentId, { entityType: 'SERVICE_GUIDE', action: 'UPDATE', entityId: p.itemId, payload: p.fields }, options.requestId)
      created.set(p.row.row, draft.id)
    }
    const result = report(file.name, false, [], checked.plans, sheets.skipped, created)
    if (created.size) {
      await appendAudit(tx, actor, {
        action: 'draft.import',
        entityType: 'CHANGE_REQUEST',
        after: { fileName: file.name, list: 'SERVICE_GUIDE', departmentId, counts: result.counts, changeRequestIds: [...created.values()] },
        requestId: options.requestId,
      })
    }
    return result
  }, { timeout: 120_000, maxWait: 10_000 })
}
