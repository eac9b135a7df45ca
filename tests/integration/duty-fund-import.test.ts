// The spreadsheet import of duties (责任清单) and special funds on the real data with its demo
// duties and funds, for an editor of 区公安分局: the same guarantees as the power-item sheet. A
// broken file is reported by row and column and writes nothing; a clean one becomes drafts with
// the payloads the workflow takes; the department's export imports back as "unchanged".
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exportDownload, importSheet, templateDownload } from '../../server/services/import/spreadsheet'
import { readSheetFile } from '../../server/services/import/sheet-file'
import type { AuditActor } from '../../server/services/audit'
import type { ListKind } from '../../shared/lists'
import type { SheetReport } from '../../shared/spreadsheet'
import { createTestEnv, type TestEnv } from '../helpers/services'
import { csvOf, DUTY_HEADER, dutyRow, FUND_HEADER, fundRow, refusedBoth, writeCounter, writesNothingTo, xlsxOf } from '../helpers/sheets'

let env: TestEnv
let editor: AuditActor & { id: number }
let police: { id: number }
let civil: { id: number }
/** 区公安分局 has no special funds; the fund sheet is imported by the department with the most. */
let funding: { id: number; name: string }
let fundEditor: AuditActor & { id: number }

const db = () => env.db.prisma
const run = (list: ListKind, name: string, data: string | Buffer, dryRun = false) => {
  const [actor, department] = list === 'fund' ? [fundEditor, funding] : [editor, police]
  return importSheet(db(), list, actor, department.id, { name, data: typeof data === 'string' ? Buffer.from(data) : data }, { dryRun })
}
const where = (report: SheetReport) => report.errors.map((e) => [e.row, e.column, e.code])
const written = writeCounter(db)
const writesNothing = writesNothingTo(written)
const refusedWhole = (list: ListKind, name: string, data: string | Buffer) => refusedBoth(writesNothing, (dryRun) => run(list, name, data, dryRun))

beforeAll(async () => {
  env = await createTestEnv({ realData: true })
  police = await db().department.findUniqueOrThrow({ where: { name: '区公安分局' } })
  civil = await db().department.findUniqueOrThrow({ where: { name: '区民政局' } })
  const user = await db().user.create({ data: { username: 'police-editor', displayName: '公安经办人', passwordHash: 'x', role: 'EDITOR', departmentId: police.id } })
  editor = { id: user.id, username: user.displayName, role: 'EDITOR', departmentId: police.id }
  const [most] = await db().specialFund.groupBy({ by: ['departmentId'], _count: { id: true }, orderBy: { _count: { id: 'desc' } }, take: 1 })
  funding = await db().department.findUniqueOrThrow({ where: { id: most!.departmentId }, select: { id: true, name: true } })
  const other = await db().user.create({ data: { username: 'fund-editor', displayName: '资金经办人', passwordHash: 'x', role: 'EDITOR', departmentId: funding.id } })
  fundEditor = { id: other.id, username: other.displayName, role: 'EDITOR', departmentId: funding.id }
})
afterAll(async () => { await env.close() })

describe('templates', () => {
  it('have the list\'s Chinese headers, and in Excel a sheet of notes that explains the cases cell', async () => {
    for (const [list, header] of [['responsibility', DUTY_HEADER], ['fund', FUND_HEADER]] as const) {
      const csv = await templateDownload('csv', list)
      expect(csv.body).toBe(`\uFEFF${header.join(',')}\r\n`)
      const xlsx = await templateDownload('xlsx', list)
      const rows = await readSheetFile(xlsx.fileName, xlsx.body as Buffer)
      expect(rows.map((r) => r.cells.map((c) => c.text))).toEqual([header])
    }
    const notes = (await templateDownload('xlsx', 'responsibility')).body as Buffer
    const ExcelJS = (await import('exceljs')).default
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(notes as unknown as ArrayBuffer)
    const texts: string[] = []
    workbook.getWorksheet('填写说明')!.eachRow((r) => texts.push(String(r.getCell(1).value), String(r.getCell(2).value)))
    expect(texts.join('\n')).toMatch(/追责情形[\s\S]*每条一行[\s\S]*“；”分隔/)
  })
})

describe('export and import again', () => {
  it('gives "unchanged" for every duty and fund of the department, in Excel and in CSV', async () => {
    const duties = await db().duty.count({ where: { departmentId: police.id, status: { not: 'CANCELLED' } } })
    const funds = await db().specialFund.count({ where: { departmentId: funding.id, status: { not: 'CANCELLED' } } })
    expect(duties).toBeGreaterThan(5)
    expect(funds).toBeGreaterThan(1)
    // Cases with their basis are what the cell must carry through.
    expect(await db().accountabilityCase.count({ where: { duty: { departmentId: police.id }, basis: { not: null } } })).toBeGreaterThan(0)
    for (const [list, count, department] of [['responsibility', duties, { ...police, name: '区公安分局' }], ['fund', funds, funding]] as const) {
      for (const format of ['xlsx', 'csv'] as const) {
        const file = (await exportDownload(db(), department.id, format, list))!
        expect(file.fileName).toBe(`${department.name}-${list === 'responsibility' ? '责任事项' : '专项资金'}.${format}`)
        const report = await writesNothing(() => run(list, file.fileName, Buffer.from(file.body)))
        expect(report.errors).toEqual([])
        expect(report.imported).toBe(false)
        expect(report.counts).toEqual({ ADD: 0, UPDATE: 0, UNCHANGED: count, SKIPPED: 0 })
      }
    }
  })
})

describe('a broken duty file writes nothing', () => {
  it('reports wrong and missing columns by name before anything else', async () => {
    const header = DUTY_HEADER.map((h) => (h === '责任类别' ? '类别' : h))
    const report = await refusedWhole('responsibility', '责任.csv', csvOf([header, dutyRow('bad code!')]))
    expect(where(report)).toEqual([[1, '类别', 'UNKNOWN_COLUMN'], [1, '责任类别', 'MISSING_COLUMN']])
  })

  it('names every bad cell by row and column, duplicates, empty rows and another department\'s duty', async () => {
    const civilDuty = await db().duty.findFirstOrThrow({ where: { departmentId: civil.id } })
    const civilItem = await db().powerItem.findFirstOrThrow({ where: { departmentId: civil.id } })
    const report = await refusedWhole('responsibility', '责任.xlsx', await xlsxOf([
      DUTY_HEADER,
      dutyRow('DUTY-NEW-1'),
      dutyRow('DUTY NEW 2', { 责任类别: '主要职责' }),
      [],
      dutyRow('DUTY-NEW-3', { 责任内容: '', 追责情形: '短；' }),
      dutyRow('DUTY-NEW-1', { 责任事项名称: '另一个名称' }),
      dutyRow(civilDuty.code),
      dutyRow('DUTY-NEW-4', { 对应权力事项编码: civilItem.code }),
    ], '责任事项'))
    expect(where(report)).toEqual([
      [3, '责任事项编码', 'INVALID_CODE'],
      [3, '责任类别', 'INVALID_CHOICE'],
      [5, '责任内容', 'REQUIRED'],
      [5, '追责情形', 'TOO_SHORT'],
      [6, '责任事项编码', 'DUPLICATE_CODE'],
      [7, '责任事项编码', 'OTHER_DEPARTMENT'],
      [8, '对应权力事项编码', 'POWER_ITEM_INVALID'],
    ])
    expect(report.errors[1]!.message).toBe('第3行「责任类别」：「主要职责」不是可填的值（可填：部门职责、责任事项、事中事后监管）')
    expect(report.rows.find((r) => r.row === 4)).toMatchObject({ outcome: 'SKIPPED' })
  })
})

describe('a broken fund file writes nothing', () => {
  it('names bad years, amounts, methods and periods, duplicates and another department\'s fund', async () => {
    const otherFund = await db().specialFund.findFirstOrThrow({ where: { departmentId: { not: funding.id } } })
    const otherDepartment = await db().department.findUniqueOrThrow({ where: { id: otherFund.departmentId } })
    const report = await refusedWhole('fund', '资金.csv', csvOf([
      FUND_HEADER,
      fundRow('FUND-NEW-1'),
      fundRow('FUND-NEW-2', { 年度: '二〇二六', '资金规模（万元）': '-5' }),
      fundRow('FUND-NEW-3', { '资金规模（万元）': '12.345', 分配方式: '竞争法' }),
      fundRow('FUND-NEW-4', { 年度: 1999, 实施起始年度: 2027, 实施截止年度: 2026 }),
      fundRow('FUND-NEW-5', { '资金规模（万元）': '' }),
      fundRow('FUND-NEW-1'),
      fundRow(otherFund.code),
      ['', '', '', '', '', '', '', '', '', '', '', ''],
    ], { bom: true }))
    expect(where(report)).toEqual([
      [3, '年度', 'INVALID'],
      [3, '资金规模（万元）', 'INVALID'],
      [4, '资金规模（万元）', 'INVALID'],
      [4, '分配方式', 'INVALID_CHOICE'],
      [5, '年度', 'INVALID'],
      [5, '实施截止年度', 'INVALID'],
      [6, '资金规模（万元）', 'REQUIRED'],
      [7, '资金编码', 'DUPLICATE_CODE'],
      [8, '资金编码', 'OTHER_DEPARTMENT'],
    ])
    expect(report.errors.find((e) => e.row === 5 && e.column === '实施截止年度')!.message).toBe('第5行「实施截止年度」：实施期限的结束年度不能早于开始年度')
    expect(report.errors.find((e) => e.row === 8)!.message).toBe(`第8行「资金编码」：专项资金编码 ${otherFund.code} 是「${otherDepartment.name}」的专项资金，不能由本部门导入`)
    expect(report.errors.find((e) => e.row === 4 && e.column === '资金规模（万元）')!.message).toBe('第4行「资金规模（万元）」：资金规模应为数字（万元），最多两位小数')
  })
})

describe('clean files', () => {
  it('become ADD and UPDATE duty drafts with the cases, the power item and the audit entries', async () => {
    const [changed, unchanged] = await db().duty.findMany({ where: { departmentId: police.id, status: 'IN_FORCE' }, include: { powerItem: true }, orderBy: { code: 'asc' }, take: 2 })
    const item = await db().powerItem.findFirstOrThrow({ where: { departmentId: police.id, status: 'IN_FORCE' } })
    const exported = ((await exportDownload(db(), police.id, 'csv', 'responsibility'))!.body as string)
    const csv = csvOf([
      DUTY_HEADER,
      dutyRow('DUTY-SHEET-1', {
        责任类别: '责任事项',
        责任事项名称: '犬只登记的责任',
        责任依据: '《广安市养犬管理条例》',
        对应权力事项编码: item.code,
        追责情形: '对符合条件的申请不予登记的；（依据：《广安市养犬管理条例》第十条；《行政机关公务员处分条例》）\n泄露个人信息的；',
      }),
      dutyRow(changed!.code, { 责任类别: '部门职责', 责任事项名称: `${changed!.title}（修订）`, 责任内容: changed!.content }),
    ], { bom: true })
    const file = `${csv}${exported.split('\r\n').slice(1).filter((line) => line.startsWith(`${unchanged!.code},`)).join('\r\n')}\r\n`

    const dry = await writesNothing(() => run('responsibility', '责任.csv', file, true))
    expect(dry.errors).toEqual([])
    expect(dry.counts).toEqual({ ADD: 1, UPDATE: 1, UNCHANGED: 1, SKIPPED: 0 })

    const before = await written()
    const report = await run('responsibility', '责任.csv', file)
    expect(report).toMatchObject({ imported: true, errors: [], counts: { ADD: 1, UPDATE: 1, UNCHANGED: 1 } })
    expect(await written()).toEqual({ changeRequests: before.changeRequests + 2, auditEntries: before.auditEntries + 3 })
    const drafts = await db().changeRequest.findMany({ where: { id: { in: report.rows.map((r) => r.changeRequestId).filter((id): id is number => id !== null) } }, orderBy: { id: 'asc' } })
    expect(drafts.map((d) => [d.entityType, d.action, d.entityId, d.status, d.departmentId])).toEqual([
      ['DUTY', 'ADD', null, 'DRAFT', police.id],
      ['DUTY', 'UPDATE', changed!.id, 'DRAFT', police.id],
    ])
    expect(drafts[0]!.payload).toEqual({
      code: 'DUTY-SHEET-1', kind: 'POWER_DUTY', title: '犬只登记的责任', content: '负责测试事项的组织实施和监督管理。', basis: '《广安市养犬管理条例》',
      powerItemId: item.id,
      cases: [
        { content: '对符合条件的申请不予登记的；', basis: '《广安市养犬管理条例》第十条；《行政机关公务员处分条例》' },
        { content: '泄露个人信息的；', basis: null },
      ],
    })
    // The row left the power item and cases empty: the draft says so, as the sheet does.
    expect(drafts[1]!.payload).toMatchObject({ kind: 'DEPARTMENT_DUTY', title: `${changed!.title}（修订）`, powerItemId: null, cases: [] })
    const audit = await db().auditEntry.findFirstOrThrow({ where: { action: 'draft.import' }, orderBy: { seq: 'desc' } })
    expect(audit.after).toMatchObject({ list: 'DUTY', departmentId: police.id, changeRequestIds: drafts.map((d) => d.id) })

    // Again: the duty now has an open change and the new code is proposed.
    const again = await refusedWhole('responsibility', '责任.csv', file)
    expect(where(again)).toEqual([[2, '责任事项编码', 'CODE_PROPOSED'], [3, '责任事项编码', 'OPEN_CHANGE']])
  })

  it('become fund drafts with the amount to the fen, from Excel numbers', async () => {
    const fund = await db().specialFund.findFirstOrThrow({ where: { departmentId: funding.id, status: 'IN_FORCE' }, orderBy: { code: 'asc' } })
    const report = await run('fund', '资金.xlsx', await xlsxOf([
      FUND_HEADER,
      fundRow('FUND-SHEET-1', { '资金规模（万元）': 1200.5, 分配方式: '因素法' }),
      fundRow(fund.code, {
        资金名称: fund.name, 年度: fund.year, '资金规模（万元）': Number(fund.amount) + 10, 设立依据: fund.legalBasis, 资金用途: fund.purpose, 支持对象: fund.recipients,
        分配方式: fund.allocationMethod === 'FACTOR' ? '因素法' : '项目法', 绩效目标: fund.performanceTargets, 实施起始年度: fund.periodStart, 实施截止年度: fund.periodEnd, 申报方式: fund.howToApply,
      }),
    ], '专项资金'))
    expect(report.errors).toEqual([])
    expect(report.rows.map((r) => [r.outcome, r.changed])).toEqual([['ADD', []], ['UPDATE', ['资金规模（万元）']]])
    const drafts = await db().changeRequest.findMany({ where: { id: { in: report.rows.map((r) => r.changeRequestId!) } }, orderBy: { id: 'asc' } })
    expect(drafts[0]).toMatchObject({ entityType: 'SPECIAL_FUND', action: 'ADD' })
    expect(drafts[0]!.payload).toEqual({
      code: 'FUND-SHEET-1', name: '测试专项资金', year: 2026, amount: '1200.50', legalBasis: '《广安区财政专项资金管理办法》', purpose: '用于测试项目',
      recipients: '区内企业', allocationMethod: 'FACTOR', performanceTargets: '完成测试目标', periodStart: 2026, periodEnd: 2027, howToApply: '向区财政局申报',
    })
    expect(drafts[1]).toMatchObject({ entityType: 'SPECIAL_FUND', action: 'UPDATE', entityId: fund.id, payload: { amount: (Number(fund.amount) + 10).toFixed(2) } })
    // The published fund is untouched until the reform office decides.
    expect((await db().specialFund.findUniqueOrThrow({ where: { id: fund.id } })).amount.toFixed(2)).toBe(fund.amount.toFixed(2))
  })
})
