// Records as spreadsheets: one header row of Chinese column names, one row per record, written
// as CSV or as an Excel workbook. Cells that a spreadsheet would run as a formula are defused.
import ExcelJS from 'exceljs'

export type Cell = string | number | null

/** What a column holds, as the data dictionary of a download states it. */
export type ColumnType = 'text' | 'integer' | 'decimal' | 'boolean' | 'date' | 'datetime' | 'list'

/** A column's entry in the data dictionary: its meaning, its type and the JSON field it comes from. */
export interface ColumnMeaning {
  meaning?: string
  type?: ColumnType
  /** the key (path) of the JSON download's record that holds the same value */
  field?: string
}

export interface Column<T> extends ColumnMeaning {
  header: string
  value: (record: T) => Cell
  /** amounts in 万元: two decimals in CSV, a number with a decimal format in Excel */
  money?: boolean
  /** Excel column width in characters */
  width?: number
}

/** A sheet with its cells computed: what both writers take. */
export interface Table {
  name: string
  columns: ({ header: string; money?: boolean; width?: number } & ColumnMeaning)[]
  rows: Cell[][]
}

export function table<T>(name: string, columns: Column<T>[], records: T[]): Table {
  return {
    name,
    columns: columns.map(({ header, money, width, meaning, type, field }) => ({ header, money, width, meaning, type, field })),
    rows: records.map((record) => columns.map((c) => c.value(record))),
  }
}

export interface DictionaryEntry { sheet: string; column: string; field: string | null; type: ColumnType; meaning: string }

/** Every column of the tables with its meaning and type: the data dictionary of a download. */
export function dataDictionary(tables: Table[]): DictionaryEntry[] {
  return tables.flatMap((t) => t.columns.map((c) => ({ sheet: t.name, column: c.header, field: c.field ?? null, type: c.type ?? (c.money ? 'decimal' : 'text'), meaning: c.meaning ?? c.header })))
}

/** The dictionary as a sheet of its own, the last of an Excel download. */
export function dictionaryTable(tables: Table[]): Table {
  return table<DictionaryEntry>('数据字典', [
    { header: '工作表', value: (e) => e.sheet, width: 14 },
    { header: '列名', value: (e) => e.column, width: 22 },
    { header: 'JSON字段', value: (e) => e.field, width: 24 },
    { header: '类型', value: (e) => e.type, width: 10 },
    { header: '含义', value: (e) => e.meaning, width: 80 },
  ], dataDictionary(tables))
}

// Excel, LibreOffice and Google Sheets start a formula at these characters (OWASP "CSV injection").
const FORMULA_START = /^[=+\-@\t\r]/

/** Prefixes a quote to text a spreadsheet would otherwise evaluate, so it stays text. */
export function defuseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text
}

function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

function csvText(value: Cell, money: boolean | undefined): string {
  if (value === null) return ''
  if (typeof value === 'number') return money ? value.toFixed(2) : String(value)
  return defuseFormula(value)
}

/** RFC 4180 with CRLF line ends and a UTF-8 byte order mark, without which Excel reads GBK. */
export function toCsv(sheet: Table): string {
  const lines = [sheet.columns.map((c) => csvField(c.header)).join(',')]
  for (const row of sheet.rows) lines.push(row.map((value, i) => csvField(csvText(value, sheet.columns[i]!.money))).join(','))
  return `\uFEFF${lines.join('\r\n')}\r\n`
}

export async function toXlsx(sheets: Table[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  workbook.creator = '三张清单一张网'
  for (const sheet of sheets) {
    const ws = workbook.addWorksheet(sheet.name, { views: [{ state: 'frozen', ySplit: 1 }] })
    ws.columns = sheet.columns.map((c) => ({ header: c.header, width: c.width ?? 16, style: c.money ? { numFmt: '#,##0.00' } : {} }))
    ws.getRow(1).font = { bold: true }
    for (const row of sheet.rows) ws.addRow(row.map((value) => (typeof value === 'string' ? defuseFormula(value) : value)))
  }
  return Buffer.from(await workbook.xlsx.writeBuffer())
}
