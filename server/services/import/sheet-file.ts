// Reading an uploaded spreadsheet (.xlsx or .csv) into rows of cell texts, without trusting its
// name or its content: anything that is not a spreadsheet is refused whole before a row is read,
// and formulas are never evaluated (a formula cell gives the value Excel saved with it).
import ExcelJS from 'exceljs'
import { SHEET_LIMITS } from '../../../shared/spreadsheet'
import { DomainError } from '../errors'
import { unpackWithin, zipEntryNames, ZipLimitError, type ZipLimits, type ZipRefusal } from './xlsx-zip'

/** A refusal of the file as a whole, before any row is looked at. */
export class SheetFileError extends DomainError {
  constructor(status: 400 | 413, code: 'NOT_A_SPREADSHEET' | 'EMPTY_FILE' | 'FILE_TOO_LARGE' | 'UNPACKED_TOO_LARGE' | 'TOO_MANY_ROWS' | 'TOO_MANY_COLUMNS', message: string) {
    super(status, code, message)
  }
}

/** A cell as read: its text, or why its text cannot be trusted. */
export interface RawCell {
  text: string
  /** the cell held a number (Excel turns long digit strings into imprecise numbers) */
  number?: number
  problem?: { code: 'FORMULA' | 'CELL_ERROR'; value: string }
}

export interface RawRow {
  /** as the spreadsheet shows it: the header is row 1 */
  row: number
  cells: RawCell[]
}

/** The sheet the instructions of the template are on; the rows are read from the other one. */
export const INSTRUCTIONS_SHEET = '填写说明'

const notSpreadsheet = (message: string) => new SheetFileError(400, 'NOT_A_SPREADSHEET', message)

export function tooLarge(bytes: number): SheetFileError {
  const mb = (n: number) => (n / 1024 / 1024).toFixed(1)
  return new SheetFileError(413, 'FILE_TOO_LARGE', `文件大小 ${mb(bytes)} MB，超过 ${mb(SHEET_LIMITS.maxBytes)} MB 的上限，请拆分后分批导入`)
}

export async function readSheetFile(fileName: string, data: Uint8Array): Promise<RawRow[]> {
  if (data.byteLength > SHEET_LIMITS.maxBytes) throw tooLarge(data.byteLength)
  if (!data.byteLength) throw new SheetFileError(400, 'EMPTY_FILE', '文件是空的')
  const name = fileName.toLowerCase()
  // The content decides, not the name: a PNG renamed .xlsx must not reach the zip reader as one.
  if (startsWith(data, [0x50, 0x4b, 0x03, 0x04])) return readXlsx(data)
  if (startsWith(data, [0xd0, 0xcf, 0x11, 0xe0])) throw notSpreadsheet('这是旧版 Excel（.xls）文件，请在 Excel 中另存为 .xlsx 或 .csv 后再导入')
  if (/\.xls[xm]?$/.test(name)) throw notSpreadsheet('文件不是有效的 Excel（.xlsx）文件')
  if (/\.(csv|txt)$/.test(name)) return readCsv(decodeText(data))
  throw notSpreadsheet('只能导入 Excel（.xlsx）或 CSV（.csv）文件')
}

function startsWith(data: Uint8Array, magic: number[]): boolean {
  return magic.every((byte, i) => data[i] === byte)
}

// ---- Excel ----

/**
 * What an xlsx may unpack to, and how many XML elements it may hold: 2,000 rows of the longest
 * texts take about 25 MB and 150,000 elements. The Excel reader keeps the whole workbook in
 * memory, about 150 bytes per element, so these two bound what one import costs (about 200 MB at
 * worst, whatever the file claims about itself).
 */
const ZIP_LIMITS: ZipLimits = { maxUnpackedBytes: 40 * 1024 * 1024, maxElements: 500_000 }

/** Columns read from a row; the templates have at most 13, and a cell far right would make every row that wide. */
export const MAX_COLUMNS = 100

const ZIP_REFUSALS: Record<ZipRefusal, () => SheetFileError> = {
  NOT_A_ZIP: () => notSpreadsheet('文件不是有效的 Excel（.xlsx）文件：压缩包不完整'),
  CORRUPT: () => notSpreadsheet('文件不是有效的 Excel（.xlsx）文件：压缩包已损坏'),
  UNPACKED_TOO_LARGE: () => new SheetFileError(413, 'UNPACKED_TOO_LARGE', `Excel 文件解压后超过 ${ZIP_LIMITS.maxUnpackedBytes / 1024 / 1024} MB，请删除多余的工作表、图片和格式后再导入`),
  TOO_MANY_ELEMENTS: () => new SheetFileError(413, 'UNPACKED_TOO_LARGE', 'Excel 文件中的单元格和格式过多，请删除多余的工作表、空白单元格的格式后再导入'),
}

async function loadWorkbook(data: Uint8Array): Promise<ExcelJS.Workbook> {
  let stored: Buffer
  try {
    if (!zipEntryNames(data).includes('xl/workbook.xml')) throw notSpreadsheet('文件是压缩包，但不是 Excel（.xlsx）工作簿')
    stored = await unpackWithin(data, ZIP_LIMITS)
  } catch (error) {
    throw error instanceof ZipLimitError ? ZIP_REFUSALS[error.reason]() : error
  }
  const workbook = new ExcelJS.Workbook()
  try {
    await workbook.xlsx.load(stored as unknown as ExcelJS.Buffer)
  } catch {
    throw notSpreadsheet('文件不是有效的 Excel（.xlsx）文件：无法读取')
  }
  return workbook
}

function sheetRows(sheet: ExcelJS.Worksheet, maxRows: number = SHEET_LIMITS.maxRows): RawRow[] {
  const rows: RawRow[] = []
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: RawCell[] = []
    row.eachCell({ includeEmpty: false }, (cell, column) => {
      const value = cellOf(cell.value)
      if (column > MAX_COLUMNS) {
        if (hasContent(value)) throw tooManyColumns(rowNumber, column)
        return
      }
      while (cells.length < column - 1) cells.push({ text: '' })
      cells[column - 1] = value
    })
    keep(rows, { row: rowNumber, cells }, maxRows)
  })
  return rows
}

const hasContent = (cell: RawCell) => Boolean(cell.text.trim() || cell.problem)

function tooManyColumns(row: number, column: number): SheetFileError {
  return new SheetFileError(400, 'TOO_MANY_COLUMNS', `第${row}行第${column}列有内容：一次最多读取 ${MAX_COLUMNS} 列，请使用导入模板的列`)
}

async function readXlsx(data: Uint8Array): Promise<RawRow[]> {
  const sheet = (await loadWorkbook(data)).worksheets.find((ws) => ws.name !== INSTRUCTIONS_SHEET)
  if (!sheet) throw notSpreadsheet('Excel 文件中没有可导入的工作表')
  return sheetRows(sheet)
}

/**
 * Every worksheet of an Excel file by name, for a list that spreads over several sheets (a guide
 * and its materials). Refused like readSheetFile; a CSV, which holds one sheet, is refused too.
 */
export async function readWorkbookSheets(data: Uint8Array, maxRows: (sheet: string) => number): Promise<Map<string, RawRow[]>> {
  if (data.byteLength > SHEET_LIMITS.maxBytes) throw tooLarge(data.byteLength)
  if (!data.byteLength) throw new SheetFileError(400, 'EMPTY_FILE', '文件是空的')
  if (!startsWith(data, [0x50, 0x4b, 0x03, 0x04])) throw notSpreadsheet('请上传 Excel（.xlsx）文件：办事指南和申请材料在同一文件的两个工作表中，CSV 无法容纳')
  const workbook = await loadWorkbook(data)
  return new Map(workbook.worksheets.filter((ws) => ws.name !== INSTRUCTIONS_SHEET).map((ws) => [ws.name, sheetRows(ws, maxRows(ws.name))]))
}

/**
 * Adds a row that has content: empty rows are left out (the report names them from the gaps in
 * the row numbers), so a file of blank lines costs no memory, and the row limit ends reading.
 */
function keep(rows: RawRow[], row: RawRow, maxRows: number = SHEET_LIMITS.maxRows): void {
  if (!row.cells.some(hasContent)) return
  // The header plus the limit: one more row is enough to know the file is too long.
  if (rows.length > maxRows) {
    throw new SheetFileError(400, 'TOO_MANY_ROWS', `文件超过 ${maxRows} 行，一次最多导入 ${maxRows} 行，请拆分后分批导入`)
  }
  rows.push(row)
}

function cellOf(value: ExcelJS.CellValue): RawCell {
  if (value === null || value === undefined) return { text: '' }
  if (typeof value === 'string') return { text: value }
  if (typeof value === 'number') return { text: String(value), number: value }
  if (typeof value === 'boolean') return { text: value ? 'TRUE' : 'FALSE' }
  if (value instanceof Date) return { text: value.toISOString().slice(0, 10) }
  if ('error' in value) return { text: '', problem: { code: 'CELL_ERROR', value: String(value.error) } }
  if ('richText' in value) return { text: value.richText.map((r) => r.text).join('') }
  if ('hyperlink' in value) return cellOf(value.text as ExcelJS.CellValue)
  if ('formula' in value || 'sharedFormula' in value) {
    // The value Excel computed when the file was saved; without one, nothing we could trust.
    const result = value.result
    if (result === undefined || result === null) return { text: '', problem: { code: 'FORMULA', value: '' } }
    if (typeof result === 'object' && 'error' in result) return { text: '', problem: { code: 'CELL_ERROR', value: String(result.error) } }
    return cellOf(result as ExcelJS.CellValue)
  }
  return { text: '' }
}

// ---- CSV ----

/** UTF-8 with or without a byte order mark, else GB18030 (what Excel in China saves by default). */
export function decodeText(data: Uint8Array): string {
  if (startsWith(data, [0xef, 0xbb, 0xbf])) return decodeStrict('utf-8', data.subarray(3))
  try {
    return decodeStrict('utf-8', data)
  } catch {
    return decodeStrict('gb18030', data)
  }
}

function decodeStrict(encoding: string, data: Uint8Array): string {
  let text: string
  try {
    text = new TextDecoder(encoding, { fatal: true }).decode(data)
  } catch {
    throw notSpreadsheet('文件不是 CSV 文本文件（应为 UTF-8 或 GB18030 编码）')
  }
  // Text files have no control characters besides tab and line ends; binary files have plenty.
  // eslint-disable-next-line no-control-regex -- control characters are what this looks for
  if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(text)) throw notSpreadsheet('文件不是 CSV 文本文件')
  return text
}

/** RFC 4180: quoted fields may hold commas, quotes ("") and line breaks; one record is one row. */
export function readCsv(text: string): RawRow[] {
  const rows: RawRow[] = []
  let cells: RawCell[] = []
  let field = ''
  let quoted = false
  let i = 0
  let record = 0
  let column = 0
  const endField = () => {
    column++
    if (column <= MAX_COLUMNS) cells.push({ text: field })
    else if (field.trim()) throw tooManyColumns(record + 1, column)
    field = ''
  }
  const endRow = () => { endField(); keep(rows, { row: ++record, cells }); cells = []; column = 0 }
  while (i < text.length) {
    const ch = text[i]!
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i += 2; continue }
      if (ch === '"') { quoted = false; i++; continue }
      field += ch
      i++
      continue
    }
    if (ch === '"' && field === '') { quoted = true; i++; continue }
    if (ch === ',') { endField(); i++; continue }
    if (ch === '\r' || ch === '\n') {
      endRow()
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1
      continue
    }
    field += ch
    i++
  }
  if (quoted) throw notSpreadsheet(`CSV 文件第${record + 1}行的引号没有闭合`)
  if (field !== '' || cells.length) endRow()
  return rows
}
