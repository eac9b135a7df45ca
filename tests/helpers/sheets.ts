// Spreadsheets as people send them, for the import tests: Excel workbooks (with formulas, error
// cells, numbers where text belongs), CSV in UTF-8 or GB18030, and files that only pretend to be.
import { crc32 } from 'node:zlib'
import ExcelJS from 'exceljs'
import { DUTY_SHEET_COLUMNS, FUND_SHEET_COLUMNS, SHEET_COLUMNS } from '../../shared/spreadsheet'

export const HEADER = SHEET_COLUMNS.map((c) => c.header)
export const DUTY_HEADER = DUTY_SHEET_COLUMNS.map((c) => c.header)
export const FUND_HEADER = FUND_SHEET_COLUMNS.map((c) => c.header)

export type SheetCell = string | number | null | ExcelJS.CellValue

/** One row in the template's columns, with sensible values unless overridden by header. */
export function row(code: string, overrides: Partial<Record<(typeof HEADER)[number], SheetCell>> = {}): SheetCell[] {
  const values: Record<string, SheetCell> = {
    事项编码: code, 事项名称: '测试事项名称', 俗称: '', 事项类型: '行政许可', 所属主项: '', 设定依据: '', 行使层级: '县（区）级',
    承诺时限: '', 收费: '', 咨询电话: '', ...overrides,
  }
  return HEADER.map((h) => values[h] ?? null)
}

/** One row of the duty sheet, with sensible values unless overridden by header. */
export function dutyRow(code: string, overrides: Partial<Record<(typeof DUTY_HEADER)[number], SheetCell>> = {}): SheetCell[] {
  const values: Record<string, SheetCell> = {
    责任事项编码: code, 责任类别: '部门职责', 责任事项名称: '测试责任事项', 责任内容: '负责测试事项的组织实施和监督管理。', 责任依据: '',
    对应权力事项编码: '', 追责情形: '', ...overrides,
  }
  return DUTY_HEADER.map((h) => values[h] ?? null)
}

/** One row of the special-fund sheet, with sensible values unless overridden by header. */
export function fundRow(code: string, overrides: Partial<Record<(typeof FUND_HEADER)[number], SheetCell>> = {}): SheetCell[] {
  const values: Record<string, SheetCell> = {
    资金编码: code, 资金名称: '测试专项资金', 年度: 2026, '资金规模（万元）': '100', 设立依据: '《广安区财政专项资金管理办法》', 资金用途: '用于测试项目',
    支持对象: '区内企业', 分配方式: '项目法', 绩效目标: '完成测试目标', 实施起始年度: 2026, 实施截止年度: 2027, 申报方式: '向区财政局申报', ...overrides,
  }
  return FUND_HEADER.map((h) => values[h] ?? null)
}

export async function xlsxOf(rows: SheetCell[][], sheetName = '权力事项'): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet(sheetName)
  rows.forEach((cells, i) => {
    cells.forEach((value, c) => { if (value !== null) sheet.getRow(i + 1).getCell(c + 1).value = value as ExcelJS.CellValue })
  })
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

function csvField(value: SheetCell): string {
  const text = value === null || value === undefined ? '' : String(value)
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

export function csvOf(rows: SheetCell[][], { bom = false } = {}): string {
  return `${bom ? '\uFEFF' : ''}${rows.map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`
}

/** A zip holding the given entries, stored without compression. */
export function zipOf(entries: Record<string, string>): Buffer {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const [name, text] of Object.entries(entries)) {
    const nameBytes = Buffer.from(name)
    const data = Buffer.from(text)
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt32LE(crc32(data), 14)
    local.writeUInt32LE(data.length, 18)
    local.writeUInt32LE(data.length, 22)
    local.writeUInt16LE(nameBytes.length, 26)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(20, 4)
    central.writeUInt16LE(20, 6)
    central.writeUInt32LE(crc32(data), 16)
    central.writeUInt32LE(data.length, 20)
    central.writeUInt32LE(data.length, 24)
    central.writeUInt16LE(nameBytes.length, 28)
    central.writeUInt32LE(offset, 42)
    locals.push(local, nameBytes, data)
    centrals.push(central, nameBytes)
    offset += local.length + nameBytes.length + data.length
  }
  const directory = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(Object.keys(entries).length, 8)
  end.writeUInt16LE(Object.keys(entries).length, 10)
  end.writeUInt32LE(directory.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, directory, end])
}

/** The first bytes of a PNG image, and then noise: a picture renamed .xlsx or .csv. */
export const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from(Array.from({ length: 2000 }, (_, i) => (i * 7919) % 256))])
