// Reading an uploaded spreadsheet (.xlsx or .csv) into rows of cell texts, without trusting its
// name or its content: anything that is not a spreadsheet is refused whole before a row is read,
// and formulas are never evaluated (a formula cell gives the value Excel saved with it).
import ExcelJS from 'exceljs'
import { SHEET_LIMITS } from '../../../shared/spreadsheet'
import { DomainError } from '../errors'

/** A refusal of the file as a whole, before any row is looked at. */
export class SheetFileError extends DomainError {
  constructor(status: 400 | 413, code: 'NOT_A_SPREADSHEET' | 'EMPTY_FILE' | 'FILE_TOO_LARGE' | 'TOO_MANY_ROWS', message: string) {
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
 * What an xlsx may unpack to: 2,000 rows of the longest texts take about 25 MB; much more is a
 * zip bomb or a workbook of other things, and the Excel reader holds all of it in memory.
 */
const MAX_UNPACKED_BYTES = 40 * 1024 * 1024

/**
 * The names and total unpacked size of a zip's entries, from its central directory, read before
 * the zip library inflates anything.
 */
function zipDirectory(data: Uint8Array): { names: string[]; unpacked: number } {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength)
  let end = -1
  for (let i = data.byteLength - 22; i >= Math.max(0, data.byteLength - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50) { end = i; break }
  }
  if (end < 0) throw notSpreadsheet('文件不是有效的 Excel（.xlsx）文件：压缩包不完整')
  const count = view.getUint16(end + 10, true)
  let at = view.getUint32(end + 16, true)
  const names: string[] = []
  let unpacked = 0
  const decoder = new TextDecoder()
  for (let n = 0; n < count; n++) {
    if (at + 46 > data.byteLength || view.getUint32(at, true) !== 0x02014b50) throw notSpreadsheet('文件不是有效的 Excel（.xlsx）文件：压缩包已损坏')
    const size = view.getUint32(at + 24, true)
    // 0xFFFFFFFF means the real size is in a zip64 field: no workbook of this size needs that.
    if (size === 0xffffffff) throw notSpreadsheet('文件不是有效的 Excel（.xlsx）文件：压缩包过大')
    unpacked += size
    const nameLength = view.getUint16(at + 28, true)
    names.push(decoder.decode(data.subarray(at + 46, at + 46 + nameLength)))
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true)
  }
  return { names, unpacked }
}

async function loadWorkbook(data: Uint8Array): Promise<ExcelJS.Workbook> {
  const { names, unpacked } = zipDirectory(data)
  if (!names.includes('xl/workbook.xml')) throw notSpreadsheet('文件是压缩包，但不是 Excel（.xlsx）工作簿')
  if (unpacked > MAX_UNPACKED_BYTES) throw notSpreadsheet('Excel 文件解压后过大，请删除多余的工作表、图片和格式后再导入')
  const workbook = new ExcelJS.Workbook()
  try {
    await workbook.xlsx.load(Buffer.from(data.buffer, data.byteOffset, data.byteLength) as unknown as ExcelJS.Buffer)
  } catch {
    throw notSpreadsheet('文件不是有效的 Excel（.xlsx）文件：无法读取')
  }
  return workbook
}

function sheetRows(sheet: ExcelJS.Worksheet, maxRows: number = SHEET_LIMITS.maxRows): RawRow[] {
  const rows: RawRow[] = []
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: RawCell[] = []
    for (let c = 1; c <= row.cellCount; c++) cells.push(cellOf(row.getCell(c).value))
    keep(rows, { row: rowNumber, cells }, maxRows)
  })
  return rows
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
  if (row.cells.every((c) => !c.text.trim() && !c.problem)) return
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
  const endField = () => { cells.push({ text: field }); field = '' }
  const endRow = () => { endField(); keep(rows, { row: ++record, cells }); cells = [] }
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
