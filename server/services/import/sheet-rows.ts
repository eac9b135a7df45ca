// The rows of an imported spreadsheet as the fields of one list (sheet-lists.ts): the header
// first (wrong or missing columns are all that is reported while it is wrong), then every cell of
// every row, with each problem named by row and column. No database here; spreadsheet.ts checks
// the codes against it.
import type { SheetIssue, SheetIssueCode } from '../../../shared/spreadsheet'
import type { RawCell, RawRow } from './sheet-file'
import { SHEET_LIST_DEFS, type SheetList } from './sheet-lists'

export interface SheetRow {
  row: number
  code: string
  fields: Record<string, unknown>
  /** the code in the list's reference column (a duty's power item), resolved by spreadsheet.ts */
  reference?: string
}

export interface ParsedSheet {
  errors: SheetIssue[]
  rows: SheetRow[]
  /** rows without content between the header and the last row with content */
  skipped: number[]
}

const TEXTS: Record<SheetIssueCode, (p: Record<string, string | number>) => string> = {
  NO_HEADER: (p) => `第1行应为列名（${p.expected}），请使用导入模板`,
  MISSING_COLUMN: () => '缺少此列',
  UNKNOWN_COLUMN: (p) => `不是模板中的列（应为：${p.expected}）`,
  DUPLICATE_COLUMN: () => '此列出现了不止一次',
  REQUIRED: () => '不能为空',
  TOO_SHORT: (p) => `至少${p.min}个字`,
  TOO_LONG: (p) => `不能超过${p.max}个字`,
  TOO_MANY: (p) => `最多${p.max}个`,
  INVALID_CODE: () => '只能包含字母、数字和连字符',
  INVALID_TYPE: (p) => `「${p.value}」不是有效的事项类型（可填：${p.allowed}）`,
  INVALID_LEVEL: (p) => `「${p.value}」不是有效的行使层级（可填：${p.allowed}）`,
  INVALID_CHOICE: (p) => `「${p.value}」不是可填的值（可填：${p.allowed}）`,
  INVALID: (p) => String(p.detail),
  FORMULA: () => '单元格是公式且没有保存计算结果，请改为文本',
  CELL_ERROR: (p) => `单元格是错误值 ${p.value}`,
  NUMBER_CODE: (p) => `${p.noun}编码被存成了数字，可能已丢失位数，请把该列设为文本后重新填写`,
  DUPLICATE_CODE: (p) => `${p.noun}编码 ${p.code} 与第${p.first}行重复`,
  OTHER_DEPARTMENT: (p) => `${p.noun}编码 ${p.code} 是「${p.department}」的${p.noun}，不能由本部门导入`,
  ITEM_CANCELLED: (p) => `${p.noun} ${p.code} 已取消，不能再修改`,
  OPEN_CHANGE: (p) => `${p.noun} ${p.code} 已有未完成的变更（编号 ${p.id}），请先在工作台处理`,
  CODE_PROPOSED: (p) => `${p.noun}编码 ${p.code} 已用于另一项新增${p.noun}的变更（编号 ${p.id}）`,
  POWER_ITEM_INVALID: (p) => `权力事项 ${p.code} 不存在、已取消或不属于本部门`,
  NO_SHEET: (p) => `文件中没有「${p.sheet}」工作表，请使用导入模板`,
  ITEM_NOT_FOUND: (p) => `没有事项编码为 ${p.code} 的事项`,
  NOT_IN_GUIDE_SHEET: (p) => `事项编码 ${p.code} 不在「办事指南」工作表中，请在该表中也填写这一事项`,
  HALL_NOT_FOUND: (p) => `本部门没有名为「${p.value}」的服务窗口（可填：${p.allowed}）`,
}

/** One problem, with the Chinese message "第5行「事项类型」：…" the page and API clients show. */
export function issue(row: number, column: string | null, code: SheetIssueCode, params: Record<string, string | number> = {}): SheetIssue {
  const where = column ? `第${row}行「${column}」` : `第${row}行`
  return { row, column, code, params, message: `${where}：${TEXTS[code](params)}` }
}

const expectedColumns = (list: SheetList) => list.columns.map((c) => c.header).join('、')

/**
 * A cell's text as stored: Windows line ends made plain, and the quote our own downloads put
 * before text that a spreadsheet would run as a formula taken off again, so that an exported
 * file imports as it was.
 */
export function cellText(text: string): string {
  const plain = text.replace(/\r\n?/g, '\n')
  return /^'[=+\-@\t\r]/.test(plain) ? plain.slice(1) : plain
}

function checkHeader(list: SheetList, cells: RawCell[]): { errors: SheetIssue[]; index: Map<string, number> } {
  const errors: SheetIssue[] = []
  const index = new Map<string, number>()
  cells.forEach((cell, i) => {
    const name = cell.text.trim()
    if (!name) return
    const column = list.columns.find((c) => c.header === name)
    if (!column) errors.push(issue(1, name, 'UNKNOWN_COLUMN', { expected: expectedColumns(list) }))
    else if (index.has(column.key)) errors.push(issue(1, name, 'DUPLICATE_COLUMN'))
    else index.set(column.key, i)
  })
  for (const column of list.columns) if (!index.has(column.key)) errors.push(issue(1, column.header, 'MISSING_COLUMN'))
  return { errors, index }
}

export function parseSheet(rows: RawRow[], list: SheetList = SHEET_LIST_DEFS.power): ParsedSheet {
  const first = rows[0]
  if (!first || first.row !== 1) return { errors: [issue(1, null, 'NO_HEADER', { expected: expectedColumns(list) })], rows: [], skipped: [] }
  const { errors, index } = checkHeader(list, first.cells)
  if (errors.length) return { errors, rows: [], skipped: [] }

  const codeHeader = list.columns[0]!.header
  const parsed: SheetRow[] = []
  const seen = new Map<string, number>()
  for (const raw of rows.slice(1)) {
    const row = parseRow(list, raw, index)
    errors.push(...row.errors)
    if (row.code) {
      const earlier = seen.get(row.code)
      if (earlier) errors.push(issue(raw.row, codeHeader, 'DUPLICATE_CODE', { noun: list.noun, code: row.code, first: earlier }))
      else seen.set(row.code, raw.row)
    }
    if (row.value) parsed.push(row.value)
  }
  const present = new Set(rows.map((r) => r.row))
  const last = rows.at(-1)!.row
  const skipped = Array.from({ length: Math.max(0, last - 1) }, (_, i) => i + 2).filter((n) => !present.has(n))
  return { errors, rows: parsed, skipped }
}

/** A row's fields, or its problems; `code` is set whenever the code itself is valid. */
function parseRow(list: SheetList, raw: RawRow, index: Map<string, number>): { errors: SheetIssue[]; code: string | null; value?: SheetRow } {
  const errors: SheetIssue[] = []
  const header = (key: string) => list.columns.find((c) => c.key === key)?.header ?? null
  // One problem per cell: the first found is the one to fix (an empty formula is not also "empty").
  const add = (key: string, code: SheetIssueCode, params: Record<string, string | number> = {}) => {
    if (!errors.some((e) => e.column === header(key))) errors.push(issue(raw.row, header(key), code, params))
  }
  const cell = (key: string): RawCell => raw.cells[index.get(key)!] ?? { text: '' }
  const rawText = (key: string): string => {
    const c = cell(key)
    if (c.problem) add(key, c.problem.code, { value: c.problem.value })
    return cellText(c.text)
  }

  const code = rawText('code').trim()
  const codeCell = cell('code')
  if (codeCell.number !== undefined && !Number.isSafeInteger(codeCell.number)) add('code', 'NUMBER_CODE', { noun: list.noun })
  else if (!code) add('code', 'REQUIRED')
  else if (!list.codeSchema.safeParse(code).success) add('code', code.length > list.codeMax ? 'TOO_LONG' : 'INVALID_CODE', { max: list.codeMax })
  const validCode = errors.length ? null : code

  const candidate: Record<string, unknown> = {}
  for (const { key } of list.columns.slice(1)) {
    const untrimmed = rawText(key)
    const text = untrimmed.trim()
    const choice = list.choices[key]
    if (!text && list.required.includes(key)) add(key, 'REQUIRED')
    else if (choice && text && !choice.of(text)) add(key, choice.issue, { value: text, allowed: choice.allowed })
    const convert = list.convert[key]
    candidate[key] = choice ? choice.of(text) : convert ? convert(text, untrimmed) : text
  }
  const reference = list.reference ? rawText(list.reference).trim() : ''

  const fields = list.schema.safeParse(candidate)
  if (!fields.success) {
    for (const problem of fields.error.issues) {
      const key = String(problem.path[0])
      const counted = 'origin' in problem && (problem.origin === 'string' || problem.origin === 'array')
      if (problem.code === 'too_small' && counted) add(key, 'TOO_SHORT', { min: Number(problem.minimum) })
      else if (problem.code === 'too_big' && counted) add(key, problem.origin === 'array' ? 'TOO_MANY' : 'TOO_LONG', { max: Number(problem.maximum) })
      else add(key, 'INVALID', { detail: problem.message })
    }
  }
  // In the order of the columns, as the reader goes along the row.
  const order = (e: SheetIssue) => list.columns.findIndex((c) => c.header === e.column)
  errors.sort((a, b) => order(a) - order(b))
  if (errors.length || !fields.success) return { errors, code: validCode }
  return { errors, code, value: { row: raw.row, code, fields: fields.data, ...(reference ? { reference } : {}) } }
}
