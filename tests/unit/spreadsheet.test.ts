// Reading and checking an imported spreadsheet: what the file is, which rows and cells are wrong
// (by the row number Excel shows and the column's header), and what is read from each cell.
import { describe, expect, it } from 'vitest'
import { decodeText, MAX_COLUMNS, readCsv, readSheetFile, type SheetFileError } from '../../server/services/import/sheet-file'
import { cellText, parseSheet } from '../../server/services/import/sheet-rows'
import { joinCases, splitCases } from '../../server/services/import/sheet-lists'
import { templateDownload } from '../../server/services/import/spreadsheet'
import { SHEET_LIMITS } from '../../shared/spreadsheet'
import { csvOf, HEADER, PNG, row, xlsxOf, xlsxWithSheetData, zipBombXlsx, zipOf } from '../helpers/sheets'

const refusal = (work: Promise<unknown>) => work.then(() => null, (e: SheetFileError) => ({ status: e.status, code: e.code, message: e.message }))
const parseCsv = (text: string) => parseSheet(readCsv(text))
const where = (sheet: ReturnType<typeof parseSheet>) => sheet.errors.map((e) => [e.row, e.column, e.code])

describe('what the file is', () => {
  it('refuses a picture, random bytes, a plain zip and an old .xls whatever their name says', async () => {
    expect(await refusal(readSheetFile('清单.xlsx', PNG))).toMatchObject({ status: 400, code: 'NOT_A_SPREADSHEET', message: '文件不是有效的 Excel（.xlsx）文件' })
    expect(await refusal(readSheetFile('清单.csv', PNG))).toMatchObject({ status: 400, code: 'NOT_A_SPREADSHEET' })
    expect(await refusal(readSheetFile('清单.png', Buffer.from('a,b\n')))).toMatchObject({ status: 400, message: '只能导入 Excel（.xlsx）或 CSV（.csv）文件' })
    expect(await refusal(readSheetFile('清单.xlsx', zipOf({ 'readme.txt': 'hello' })))).toMatchObject({ status: 400, message: '文件是压缩包，但不是 Excel（.xlsx）工作簿' })
    expect(await refusal(readSheetFile('清单.xlsx', zipOf({ 'xl/workbook.xml': 'not xml <', '[Content_Types].xml': '<' })))).toMatchObject({ status: 400, code: 'NOT_A_SPREADSHEET' })
    expect(await refusal(readSheetFile('清单.xlsx', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), PNG])))).toMatchObject({ status: 400, code: 'NOT_A_SPREADSHEET' })
    expect(await refusal(readSheetFile('清单.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])))).toMatchObject({ message: expect.stringContaining('旧版 Excel') })
    expect(await refusal(readSheetFile('清单.csv', Buffer.alloc(0)))).toMatchObject({ status: 400, code: 'EMPTY_FILE' })
  })

  it('refuses more than 5 MB and more than 2,000 rows', async () => {
    expect(await refusal(readSheetFile('清单.csv', Buffer.alloc(SHEET_LIMITS.maxBytes + 1, 0x41)))).toMatchObject({ status: 413, code: 'FILE_TOO_LARGE' })
    const rows = [HEADER, ...Array.from({ length: SHEET_LIMITS.maxRows }, (_, i) => row(`A-${i}`))]
    expect(parseCsv(csvOf(rows)).rows).toHaveLength(SHEET_LIMITS.maxRows)
    expect(await refusal(readSheetFile('清单.csv', Buffer.from(csvOf([...rows, row('A-last')]))))).toMatchObject({ status: 400, code: 'TOO_MANY_ROWS' })
    // Blank lines do not count, and cost nothing.
    expect(parseCsv(`${csvOf(rows)}${'\r\n'.repeat(100_000)}`).rows).toHaveLength(SHEET_LIMITS.maxRows)
  })

  it('refuses a zip bomb while inflating it: a sheet whose zip claims 2,000 bytes and inflates to 1 GB', async () => {
    const bomb = zipBombXlsx(1024)
    expect(bomb.byteLength).toBeLessThan(SHEET_LIMITS.maxBytes)
    const heapBefore = process.memoryUsage().heapUsed
    const started = performance.now()
    expect(await refusal(readSheetFile('清单.xlsx', bomb))).toMatchObject({ status: 400, code: 'NOT_A_SPREADSHEET', message: '文件不是有效的 Excel（.xlsx）文件：压缩包已损坏' })
    expect(performance.now() - started).toBeLessThan(1000)
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(50 * 1024 * 1024)
    // Claiming its true size, it is refused from the zip's records, before anything is inflated.
    expect(await refusal(readSheetFile('清单.xlsx', zipBombXlsx(64, 64 * 1024 * 1024)))).toMatchObject({ status: 413, code: 'UNPACKED_TOO_LARGE' })
  })

  it('refuses a small workbook that would fill memory with cells, before the Excel reader builds them', async () => {
    // 3 MB of XML, about 270,000 empty cells in one row: each would be an object of the Excel reader.
    const empties = xlsxWithSheetData(`<row r="1">${'<c r="A1"/>'.repeat(600_000)}</row>`)
    expect(await refusal(readSheetFile('清单.xlsx', empties))).toMatchObject({ status: 413, code: 'UNPACKED_TOO_LARGE' })
    // One cell in the last column of 2,000 rows: read naively, 32 million cells.
    const farRight = xlsxWithSheetData(Array.from({ length: 2000 }, (_, i) => `<row r="${i + 1}"><c r="XFD${i + 1}" t="inlineStr"><is><t>x</t></is></c></row>`).join(''))
    expect(await refusal(readSheetFile('清单.xlsx', farRight))).toMatchObject({ status: 400, code: 'TOO_MANY_COLUMNS', message: expect.stringContaining('第1行第16384列') })
    expect(await refusal(readSheetFile('清单.csv', Buffer.from(`${HEADER.join(',')}${','.repeat(200)}x\r\n`)))).toMatchObject({ status: 400, code: 'TOO_MANY_COLUMNS', message: expect.stringContaining(`第1行第${HEADER.length + 200}列`) })
    // Empty cells far right, as Excel writes for a formatted range, are left out.
    const padded = await readSheetFile('清单.xlsx', xlsxWithSheetData('<row r="1"><c r="A1" t="inlineStr"><is><t>事项编码</t></is></c><c r="XFD1" s="0"/></row>'))
    expect(padded).toEqual([{ row: 1, cells: [{ text: '事项编码' }] }])
    expect(readCsv(`a,b${','.repeat(500)}\r\n`)).toEqual([{ row: 1, cells: [{ text: 'a' }, { text: 'b' }, ...Array.from({ length: MAX_COLUMNS - 2 }, () => ({ text: '' }))] }])
  })

  it('reads CSV in UTF-8 with or without a byte order mark, and in GB18030', () => {
    const text = csvOf([HEADER, row('A-1', { 事项名称: '护照签发' })])
    expect(decodeText(Buffer.from(`\uFEFF${text}`))).toBe(text)
    expect(decodeText(Buffer.from(text))).toBe(text)
    // 护照 in GB18030
    expect(decodeText(Buffer.from([0xbb, 0xa4, 0xd5, 0xd5]))).toBe('护照')
    expect(parseCsv(decodeText(Buffer.from(`\uFEFF${text}`)))).toMatchObject({ errors: [], rows: [{ row: 2, code: 'A-1' }] })
  })

  it('numbers CSV rows as Excel shows them, a quoted line break staying in its row', () => {
    const rows = readCsv('a,b\r\n"x\r\ny","say ""hi"""\n\nlast,"1,2"')
    expect(rows).toEqual([
      { row: 1, cells: [{ text: 'a' }, { text: 'b' }] },
      { row: 2, cells: [{ text: 'x\r\ny' }, { text: 'say "hi"' }] },
      { row: 4, cells: [{ text: 'last' }, { text: '1,2' }] },
    ])
    expect(() => readCsv('a,b\n"open,x\n')).toThrow('CSV 文件第2行的引号没有闭合')
  })
})

describe('the header', () => {
  it('reports wrong, missing and repeated columns by name, and nothing else', () => {
    const header = HEADER.map((h) => (h === '事项类型' ? '类型' : h === '收费' ? '事项名称' : h))
    const sheet = parseCsv(csvOf([header, row('bad code!')]))
    expect(where(sheet)).toEqual([
      [1, '类型', 'UNKNOWN_COLUMN'],
      [1, '事项名称', 'DUPLICATE_COLUMN'],
      [1, '事项类型', 'MISSING_COLUMN'],
      [1, '收费', 'MISSING_COLUMN'],
    ])
    expect(sheet.errors[2]!.message).toBe('第1行「事项类型」：缺少此列')
  })

  it('takes the columns in any order and ignores unnamed ones', () => {
    const order = [...HEADER].reverse()
    const cells = [...row('A-1')].reverse()
    expect(parseCsv(csvOf([[...order, ''], [...cells, '备注']])).rows).toMatchObject([{ code: 'A-1', fields: { name: '测试事项名称', type: 'LICENSING', level: 'COUNTY' } }])
  })

  it('wants the header in row 1', () => {
    expect(where(parseCsv(csvOf([[], HEADER, row('A-1')])))).toEqual([[1, null, 'NO_HEADER']])
  })
})

describe('the rows', () => {
  it('names the row and column of every bad value', () => {
    const sheet = parseCsv(csvOf([
      HEADER,
      row('A-1', { 事项类型: '行政审批' }),
      row('A 2', { 行使层级: '区级' }),
      row('', { 事项名称: '' }),
      row('A-4', { 事项名称: '证', 俗称: 'x'.repeat(31), 承诺时限: '日'.repeat(101) }),
      row('A-5', { 事项类型: '' }),
    ]))
    expect(where(sheet)).toEqual([
      [2, '事项类型', 'INVALID_TYPE'],
      [3, '事项编码', 'INVALID_CODE'],
      [3, '行使层级', 'INVALID_LEVEL'],
      [4, '事项编码', 'REQUIRED'],
      [4, '事项名称', 'REQUIRED'],
      [5, '事项名称', 'TOO_SHORT'],
      [5, '俗称', 'TOO_LONG'],
      [5, '承诺时限', 'TOO_LONG'],
      [6, '事项类型', 'REQUIRED'],
    ])
    expect(sheet.errors[0]!.message).toBe('第2行「事项类型」：「行政审批」不是有效的事项类型（可填：行政许可、行政处罚、行政强制、行政征收、行政给付、行政检查、行政确认、行政奖励、行政裁决、其他行政权力、公共服务）')
    expect(sheet.errors[5]!.message).toBe('第5行「事项名称」：至少2个字')
    expect(sheet.rows).toEqual([])
  })

  it('reports a repeated code at each repetition, naming the first row', () => {
    const sheet = parseCsv(csvOf([HEADER, row('A-1'), row('A-2'), row('A-1', { 事项类型: '行政处罚' }), row('A-1')]))
    expect(sheet.errors.map((e) => e.message)).toEqual(['第4行「事项编码」：事项编码 A-1 与第2行重复', '第5行「事项编码」：事项编码 A-1 与第2行重复'])
  })

  it('skips empty rows between rows and reports them, ignoring blank lines at the end', () => {
    const sheet = parseCsv(csvOf([HEADER, row('A-1'), [], ['', ' ', ''], row('A-2'), [], []]))
    expect(sheet.errors).toEqual([])
    expect(sheet.rows.map((r) => r.row)).toEqual([2, 5])
    expect(sheet.skipped).toEqual([3, 4])
  })

  it('reads aliases, type codes and trimmed text, and empty optional cells as null', () => {
    const [first] = parseCsv(csvOf([HEADER, row(' A-1 ', { 俗称: '办护照、护照，出国证件;', 事项类型: '02', 收费: '  ', 设定依据: '《中华人民共和国护照法》\r\n第五条' })])).rows
    expect(first).toEqual({
      row: 2,
      code: 'A-1',
      fields: { name: '测试事项名称', aliases: ['办护照', '护照', '出国证件'], type: 'PENALTY', groupName: null, legalBasis: '《中华人民共和国护照法》\n第五条', level: 'COUNTY', timeLimit: null, fees: null, contact: null },
    })
  })

  it('takes off the quote an export put before formula-like text, and nothing else', () => {
    expect(cellText("'=HYPERLINK(\"http://x\")")).toBe('=HYPERLINK("http://x")')
    expect(cellText("'-5")).toBe('-5')
    expect(cellText("'quoted'")).toBe("'quoted'")
  })
})

describe('Excel cells', () => {
  it('reads a formula as the value Excel saved, never evaluating it, and refuses one without a value', async () => {
    const file = await xlsxOf([
      HEADER,
      row('A-1', { 事项名称: { formula: 'CONCATENATE("护照","签发")', result: '护照签发' } }),
      row('A-2', { 事项名称: { formula: 'A1&"x"' } as never }),
      row('A-3', { 承诺时限: { error: '#N/A' } as never }),
    ])
    const sheet = parseSheet(await readSheetFile('清单.xlsx', file))
    expect(sheet.errors.map((e) => e.message)).toEqual([
      '第3行「事项名称」：单元格是公式且没有保存计算结果，请改为文本',
      '第4行「承诺时限」：单元格是错误值 #N/A',
    ])
    expect(sheet.rows).toMatchObject([{ row: 2, fields: { name: '护照签发' } }])
  })

  it('refuses a code Excel turned into an imprecise number, and reads rich text and small numbers', async () => {
    const file = await xlsxOf([
      HEADER,
      // eslint-disable-next-line no-loss-of-precision -- the imprecise number is what Excel stores
      row(12345678901234567890 as unknown as string),
      row('A-2', { 事项名称: { richText: [{ text: '护照' }, { text: '签发', font: { bold: true } }] }, 咨询电话: 28881234 }),
      row(1234 as unknown as string),
    ])
    const sheet = parseSheet(await readSheetFile('清单.xlsx', file))
    expect(where(sheet)).toEqual([[2, '事项编码', 'NUMBER_CODE']])
    expect(sheet.rows).toMatchObject([{ row: 3, fields: { name: '护照签发', contact: '28881234' } }, { row: 4, code: '1234' }])
  })

  it('reads the rows from the data sheet, not the instructions, and the template is a clean, empty sheet', async () => {
    const xlsx = await templateDownload('xlsx', 'power')
    expect(xlsx.fileName).toBe('权力事项导入模板.xlsx')
    expect(parseSheet(await readSheetFile(xlsx.fileName, xlsx.body as Buffer))).toEqual({ errors: [], rows: [], skipped: [] })
    const csv = await templateDownload('csv', 'power')
    expect(csv.body).toBe(`\uFEFF${HEADER.join(',')}\r\n`)
    expect(parseSheet(await readSheetFile(csv.fileName, Buffer.from(csv.body)))).toEqual({ errors: [], rows: [], skipped: [] })
  })
})

describe('accountability cases in one cell', () => {
  it('splits on line breaks, or after 「；」 outside brackets, keeping each basis with its case', () => {
    expect(splitCases('不予受理的；（依据：《行政许可法》第七十二条；《处分条例》）\n泄露秘密的；')).toEqual([
      { content: '不予受理的；', basis: '《行政许可法》第七十二条；《处分条例》' },
      { content: '泄露秘密的；', basis: null },
    ])
    expect(splitCases('不予受理的；（依据：《行政许可法》第七十二条；《处分条例》）泄露秘密的；其他情形。')).toEqual([
      { content: '不予受理的；', basis: '《行政许可法》第七十二条；《处分条例》' },
      { content: '泄露秘密的；', basis: null },
      { content: '其他情形。', basis: null },
    ])
    expect(splitCases('  ')).toEqual([])
  })

  it('writes cases so that they read back the same, even one case with a 「；」 inside', () => {
    const cases = [
      { content: '不予受理的；', basis: '《行政许可法》第七十二条；《处分条例》' },
      { content: '擅自收费的；', basis: null },
    ]
    expect(joinCases(cases)).toBe('不予受理的；（依据：《行政许可法》第七十二条；《处分条例》）\n擅自收费的；')
    expect(splitCases(joinCases(cases))).toEqual(cases)
    const one = [{ content: '不予受理；又不告知理由的；', basis: null }]
    expect(splitCases(joinCases(one))).toEqual(one)
    expect(splitCases(joinCases([cases[1]!]))).toEqual([cases[1]])
  })
})
