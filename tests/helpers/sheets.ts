// Spreadsheets as people send them, for the import tests: Excel workbooks (with formulas, error
// cells, numbers where text belongs), CSV in UTF-8 or GB18030, and files that only pretend to be.
import { constants as zlibConstants, crc32, deflateRawSync } from 'node:zlib'
import ExcelJS from 'exceljs'
import { expect } from 'vitest'
import { DUTY_SHEET_COLUMNS, FUND_SHEET_COLUMNS, SHEET_COLUMNS, type SheetReport } from '../../shared/spreadsheet'
import type { DbHandle } from '../../server/utils/prisma'

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

/** An entry already deflated, with the size and checksum its zip records claim (true or not). */
export interface DeflatedEntry { deflated: Buffer; size: number; crc: number }

/** A zip holding the given entries: text stored without compression, or deflated data as given. */
export function zipOf(entries: Record<string, string | DeflatedEntry>): Buffer {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const [name, content] of Object.entries(entries)) {
    const nameBytes = Buffer.from(name)
    const stored = typeof content === 'string' ? Buffer.from(content) : undefined
    const data = stored ?? (content as DeflatedEntry).deflated
    const size = stored ? stored.length : (content as DeflatedEntry).size
    const crc = stored ? crc32(stored) : (content as DeflatedEntry).crc
    const method = stored ? 0 : 8
    // What the local header and the central record both say, the same fields from `at` on.
    const shared = (header: Buffer, at: number) => {
      header.writeUInt16LE(method, at - 6)
      header.writeUInt32LE(crc, at)
      header.writeUInt32LE(data.length, at + 4)
      header.writeUInt32LE(size, at + 8)
      header.writeUInt16LE(nameBytes.length, at + 12)
    }
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    shared(local, 14)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(20, 4)
    central.writeUInt16LE(20, 6)
    shared(central, 16)
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

const MiB = 1024 * 1024

/**
 * Deflated data that inflates to `mebibytes` MiB of spaces, about 1 KB per MiB: one deflate block
 * of a MiB of spaces, repeated (each copy refers back to the spaces before it), then a last block.
 */
export function deflatedSpaces(mebibytes: number): Buffer {
  const spaces = Buffer.alloc(MiB, 0x20)
  const flush = { finishFlush: zlibConstants.Z_SYNC_FLUSH, level: 9 }
  const first = deflateRawSync(spaces, flush)
  const next = deflateRawSync(spaces, { ...flush, dictionary: spaces.subarray(0, 32 * 1024) })
  return Buffer.concat([first, ...Array.from({ length: mebibytes - 1 }, () => next), deflateRawSync(Buffer.alloc(0))])
}

const WORKBOOK = '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="权力事项" sheetId="1" r:id="rId1"/></sheets></workbook>'
const WORKBOOK_RELS = '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'

/**
 * A zip bomb dressed as a workbook: its sheet inflates to `mebibytes` MiB while the zip's records
 * claim `claimed` bytes (with a checksum to match), so a reader that believes them lets it through.
 */
export function zipBombXlsx(mebibytes: number, claimed = 2000): Buffer {
  return zipOf({
    'xl/workbook.xml': WORKBOOK,
    'xl/_rels/workbook.xml.rels': WORKBOOK_RELS,
    'xl/worksheets/sheet1.xml': { deflated: deflatedSpaces(mebibytes), size: claimed, crc: crc32(Buffer.alloc(claimed, 0x20)) },
  })
}

/** A well-formed workbook whose one sheet is the given XML (what goes inside <sheetData>), deflated honestly. */
export function xlsxWithSheetData(sheetData: string): Buffer {
  const sheet = Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${sheetData}</sheetData></worksheet>`)
  return zipOf({
    'xl/workbook.xml': WORKBOOK,
    'xl/_rels/workbook.xml.rels': WORKBOOK_RELS,
    'xl/worksheets/sheet1.xml': { deflated: deflateRawSync(sheet), size: sheet.length, crc: crc32(sheet) },
  })
}

/** The first bytes of a PNG image, and then noise: a picture renamed .xlsx or .csv. */
export const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from(Array.from({ length: 2000 }, (_, i) => (i * 7919) % 256))])

/** What imports write, counted: change requests and audit entries. */
export const writeCounter = (db: () => DbHandle['prisma']) => async () => ({ changeRequests: await db().changeRequest.count(), auditEntries: await db().auditEntry.count() })

/** A check that an import (dry or real) writes nothing, not even an audit entry: it answers what the import answered. */
export function writesNothingTo(written: ReturnType<typeof writeCounter>) {
  return async <T>(work: () => Promise<T>): Promise<T> => {
    const before = await written()
    const result = await work()
    expect(await written()).toEqual(before)
    return result
  }
}

/** The same file as a dry run and for real: the same errors, and nothing written by either. */
export async function refusedBoth(writesNothing: ReturnType<typeof writesNothingTo>, run: (dryRun: boolean) => Promise<SheetReport>): Promise<SheetReport> {
  const dry = await writesNothing(() => run(true))
  const real = await writesNothing(() => run(false))
  expect(real.errors).toEqual(dry.errors)
  expect(real.errors.length).toBeGreaterThan(0)
  expect(real.imported).toBe(false)
  return real
}
