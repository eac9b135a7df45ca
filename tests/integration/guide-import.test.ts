// The spreadsheet import of service guides on the real data: one Excel workbook, the guides on one
// sheet and their materials on another keyed by item code. A broken file is reported by sheet, row
// and column and writes nothing; the department's export imports back unchanged; an edited one
// becomes guide drafts of exactly the edited items.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import ExcelJS from 'exceljs'
import { GUIDE_SHEET, MATERIAL_SHEET } from '../../server/services/import/guide-sheets'
import { exportDownload, importSheet, templateDownload } from '../../server/services/import/spreadsheet'
import type { SheetFileError } from '../../server/services/import/sheet-file'
import type { AuditActor } from '../../server/services/audit'
import type { GuideFields } from '../../shared/guides'
import type { SheetReport } from '../../shared/spreadsheet'
import { createTestEnv, type TestEnv } from '../helpers/services'
import { writeCounter } from '../helpers/sheets'

let env: TestEnv
let editor: AuditActor & { id: number }
let police: { id: number }
let exported: Buffer

const db = () => env.db.prisma
const written = writeCounter(db)
const run = (data: Buffer, dryRun = false, name = 'guides.xlsx') => importSheet(db(), 'guide', editor, police.id, { name, data }, { dryRun })
const where = (report: SheetReport) => report.errors.map((e) => [e.sheet, e.row, e.column, e.code])

async function workbook(data: Buffer) {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(data as unknown as ExcelJS.Buffer)
  return wb
}
const save = async (wb: ExcelJS.Workbook) => Buffer.from(await wb.xlsx.writeBuffer())
/** The column number of a header on a sheet. */
function col(ws: ExcelJS.Worksheet, header: string): number {
  let found = 0
  ws.getRow(1).eachCell((cell, n) => { if (cell.value === header) found = n })
  if (!found) throw new Error(`no column ${header}`)
  return found
}
/** The row number of the first row whose column holds the value. */
function rowOf(ws: ExcelJS.Worksheet, header: string, value: string): number {
  const c = col(ws, header)
  for (let r = 2; r <= ws.rowCount; r++) if (ws.getRow(r).getCell(c).value === value) return r
  throw new Error(`no row with ${header} = ${value}`)
}

beforeAll(async () => {
  env = await createTestEnv({ realData: true })
  police = await db().department.findUniqueOrThrow({ where: { name: '区公安分局' } })
  const user = await db().user.create({ data: { username: 'police-editor', displayName: '公安经办人', passwordHash: 'x', role: 'EDITOR', departmentId: police.id } })
  editor = { id: user.id, username: user.username, role: 'EDITOR', departmentId: police.id }
  exported = (await exportDownload(db(), police.id, 'xlsx', 'guide'))!.body as Buffer
}, 300_000)
afterAll(async () => { await env?.close() })

describe('the guide workbook', () => {
  it('has the guide and materials sheets and the instructions, and the export imports back unchanged', async () => {
    const template = await workbook((await templateDownload('xlsx', 'guide')).body as Buffer)
    expect(template.worksheets.map((ws) => ws.name)).toEqual([GUIDE_SHEET, MATERIAL_SHEET, '填写说明'])
    const wb = await workbook(exported)
    const items = await db().powerItem.count({ where: { departmentId: police.id, status: { not: 'CANCELLED' } } })
    expect(wb.getWorksheet(GUIDE_SHEET)!.rowCount).toBe(items + 1)
    expect(wb.getWorksheet(MATERIAL_SHEET)!.rowCount).toBeGreaterThan(items)
    const before = await written()
    const report = await run(exported, true)
    expect(report.errors).toEqual([])
    expect(report.counts).toMatchObject({ UPDATE: 0, UNCHANGED: items })
    expect(await written()).toEqual(before)
  })

  it('reports every error of a broken file by sheet, row and column, and writes nothing, dry run or not', async () => {
    const wb = await workbook(exported)
    const guides = wb.getWorksheet(GUIDE_SHEET)!
    const materials = wb.getWorksheet(MATERIAL_SHEET)!
    const passportRow = rowOf(guides, '事项名称', '普通护照签发')
    const passportCode = String(guides.getRow(passportRow).getCell(col(guides, '事项编码')).value)
    const dogRow = rowOf(guides, '事项名称', '犬类准养证核发')
    const idRow = rowOf(guides, '事项名称', '居住证办理')
    guides.getRow(passportRow).getCell(col(guides, '到现场次数')).value = '两次'
    guides.getRow(passportRow).getCell(col(guides, '是否收费')).value = '免费'
    guides.getRow(dogRow).getCell(col(guides, '办理地点')).value = '不存在的窗口'
    guides.getRow(dogRow).getCell(col(guides, '承诺时限（工作日）')).value = 30
    guides.getRow(idRow).getCell(col(guides, '是否收费')).value = '收费'
    guides.getRow(idRow).getCell(col(guides, '收费标准')).value = null
    const civilItem = await db().powerItem.findFirstOrThrow({ where: { department: { name: '区民政局' } } })
    const foreign = guides.addRow([civilItem.code, civilItem.name]).number
    guides.getRow(foreign).getCell(col(guides, '到现场次数')).value = 1
    const unknown = guides.addRow(['511NOSUCHITEM-000', '没有的事项']).number
    guides.getRow(unknown).getCell(col(guides, '到现场次数')).value = 1
    const orphan = materials.addRow(['511ORPHAN-0001', '身份证明']).number
    const nameless = materials.addRow([passportCode, '']).number
    const optional = materials.addRow([passportCode, '出境事由证明材料', '否', '', 1]).number
    const issued = materials.addRow([passportCode, '单位证明', '是', '', 1, 0, '纸质', '部门出具', '']).number

    const data = await save(wb)
    const before = await written()
    const dry = await run(data, true)
    const real = await run(data)
    expect(await written()).toEqual(before)
    expect(real.imported).toBe(false)
    expect(real.errors).toEqual(dry.errors)
    expect(where(real)).toEqual(expect.arrayContaining([
      [GUIDE_SHEET, passportRow, '到现场次数', 'INVALID'],
      [GUIDE_SHEET, passportRow, '是否收费', 'INVALID_CHOICE'],
      [GUIDE_SHEET, dogRow, '办理地点', 'HALL_NOT_FOUND'],
      [GUIDE_SHEET, dogRow, '承诺时限（工作日）', 'INVALID'],
      [GUIDE_SHEET, idRow, '收费标准', 'INVALID'],
      [GUIDE_SHEET, foreign, '事项编码', 'OTHER_DEPARTMENT'],
      [GUIDE_SHEET, unknown, '事项编码', 'ITEM_NOT_FOUND'],
      [MATERIAL_SHEET, orphan, '事项编码', 'NOT_IN_GUIDE_SHEET'],
      [MATERIAL_SHEET, nameless, '材料名称', 'REQUIRED'],
    ]))
    // The dog licence: its hall is unknown, and its promised limit (30) longer than the legal one.
    expect(real.errors.find((e) => e.row === idRow && e.column === '收费标准')!.message).toBe(`「${GUIDE_SHEET}」第${idRow}行「收费标准」：收费的事项请写明收费标准`)
    // The passport has errors on its own row, so its materials are not checked against the schema; a clean item's are.
    expect(where(real).filter(([, row]) => row === optional || row === issued)).toEqual([])

    // The same material errors on an item whose guide row is clean are found at their own rows.
    const wb2 = await workbook(exported)
    const m2 = wb2.getWorksheet(MATERIAL_SHEET)!
    const optional2 = m2.addRow([passportCode, '出境事由证明材料', '否', '', 1]).number
    const issued2 = m2.addRow([passportCode, '单位证明', '是', '', 1, 0, '纸质', '部门出具', '']).number
    const second = await run(await save(wb2), true)
    expect(where(second)).toEqual([
      [MATERIAL_SHEET, optional2, '需要情形', 'INVALID'],
      [MATERIAL_SHEET, issued2, '出具部门', 'INVALID'],
    ])
  })

  it('refuses a workbook without the materials sheet, and a CSV, as a whole', async () => {
    const wb = await workbook(exported)
    wb.removeWorksheet(wb.getWorksheet(MATERIAL_SHEET)!.id)
    const report = await run(await save(wb), true)
    expect(where(report)).toEqual([[MATERIAL_SHEET, 1, null, 'NO_SHEET']])
    const csv = await run(Buffer.from('事项编码,事项名称\n1,2\n'), true, 'guides.csv').then(() => null, (e: SheetFileError) => e.code)
    expect(csv).toBe('NOT_A_SPREADSHEET')
  })

  it('turns an edited file into drafts of exactly the edited guides', async () => {
    const wb = await workbook(exported)
    const guides = wb.getWorksheet(GUIDE_SHEET)!
    const materials = wb.getWorksheet(MATERIAL_SHEET)!
    const passportRow = rowOf(guides, '事项名称', '普通护照签发')
    const code = String(guides.getRow(passportRow).getCell(col(guides, '事项编码')).value)
    const hukou = [...Array(materials.rowCount).keys()].map((i) => i + 1).find((r) => materials.getRow(r).getCell(1).value === code && materials.getRow(r).getCell(2).value === '居民户口簿')!
    materials.spliceRows(hukou, 1)
    materials.addRow([code, '出境事由证明材料', '否', '前往需要签证的国家探亲、商务的', 1, 0, '纸质', '申请人自备'])
    guides.getRow(passportRow).getCell(col(guides, '承诺时限（工作日）')).value = 5

    const dry = await run(await save(wb), true)
    expect(dry.errors).toEqual([])
    expect(dry.counts.UPDATE).toBe(1)
    expect(dry.rows.find((r) => r.outcome === 'UPDATE')).toMatchObject({ code, name: '普通护照签发', changed: ['承诺时限（工作日）', MATERIAL_SHEET] })

    const report = await run(await save(wb))
    expect(report.imported).toBe(true)
    const draft = await db().changeRequest.findUniqueOrThrow({ where: { id: report.rows.find((r) => r.outcome === 'UPDATE')!.changeRequestId! } })
    expect(draft).toMatchObject({ entityType: 'SERVICE_GUIDE', action: 'UPDATE', status: 'DRAFT', departmentId: police.id })
    const payload = draft.payload as unknown as GuideFields
    expect(payload.promisedTimeLimitDays).toBe(5)
    expect(payload.materials.map((m) => m.name)).not.toContain('居民户口簿')
    expect(payload.materials.at(-1)).toMatchObject({ name: '出境事由证明材料', required: false, requiredWhen: '前往需要签证的国家探亲、商务的' })
    expect(await db().auditEntry.count({ where: { action: 'draft.import' } })).toBe(1)
    // The item now has an open change: importing again is refused for it, whole.
    const again = await run(await save(wb), true)
    expect(again.errors.map((e) => e.code)).toEqual(['OPEN_CHANGE'])
  })
})
