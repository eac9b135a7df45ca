// Reading back what the portal exports, as a spreadsheet program would: CSV by RFC 4180 (after
// the byte order mark) and Excel workbooks with exceljs.
import ExcelJS from 'exceljs'

export function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++ } else if (c === '"') quoted = false
      else field += c
    } else if (c === '"') quoted = true
    else if (c === ',') { row.push(field); field = '' } else if (c === '\r' && text[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; i++ } else field += c
  }
  return rows
}

/** The rows of a CSV export as records keyed by its header; fails unless the file starts with a BOM. */
export function csvRecords(text: string): { header: string[]; rows: Record<string, string>[] } {
  if (!text.startsWith('\uFEFF')) throw new Error('the CSV has no UTF-8 byte order mark')
  const [header, ...rows] = parseCsv(text.slice(1))
  return { header: header!, rows: rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i]!]))) }
}

/** The first sheet of a workbook: its header and its rows as records, with each cell's type. */
export async function xlsxRecords(body: Buffer | ArrayBuffer): Promise<{ header: string[]; rows: Record<string, ExcelJS.CellValue>[]; types: ExcelJS.ValueType[] }> {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(body as ArrayBuffer)
  const ws = wb.worksheets[0]!
  const header = (ws.getRow(1).values as string[]).slice(1)
  const rows: Record<string, ExcelJS.CellValue>[] = []
  const types = new Set<ExcelJS.ValueType>()
  ws.eachRow((row, n) => {
    if (n === 1) return
    const record: Record<string, ExcelJS.CellValue> = {}
    header.forEach((h, i) => {
      const cell = row.getCell(i + 1)
      types.add(cell.type)
      record[h] = cell.value
    })
    rows.push(record)
  })
  return { header, rows, types: [...types] }
}
