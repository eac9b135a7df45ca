// 督查 on a scripted data set whose findings are known: which records lack what, which changes
// waited too long by the office's calendar (国庆 2026 and its 调休 Saturday), per department and
// for the city, and the calendar's own audit trail.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AuditActor } from '../../server/services/audit'
import { removeCalendarDay, setCalendarDay, workdayOverrides } from '../../server/services/oversight/calendar'
import ExcelJS from 'exceljs'
import { findingsReport } from '../../server/services/oversight/findings'
import { computeScorecard, getScorecard, scorecardWorkbook, setScorecardWeights, takeScorecard } from '../../server/services/oversight/scorecards'
import { DEFAULT_WEIGHTS, findingsQuerySchema, type FindingsReport } from '../../shared/oversight'
import { createTestEnv, type TestEnv } from '../helpers/services'

let env: TestEnv
let office: AuditActor
let a: number
let b: number
const ids: Record<string, number> = {}
const TODAY = '2026-10-12'
const db = () => env.db.prisma
const at = (date: string) => new Date(`${date}T02:00:00Z`) // 10:00 in the city
const report = (scope: number | null, query: Record<string, unknown> = {}): Promise<FindingsReport> => findingsReport(db(), scope, findingsQuerySchema.parse(query), TODAY)

beforeAll(async () => {
  env = await createTestEnv()
  a = (await db().department.create({ data: { code: 'A', name: '甲局', areaCode: '511602' } })).id
  b = (await db().department.create({ data: { code: 'B', name: '乙局', areaCode: '511602' } })).id
  const user = await db().user.create({ data: { username: 'office', displayName: '审改办', passwordHash: 'x', role: 'REFORM_OFFICE' } })
  office = { id: user.id, username: user.username, role: 'REFORM_OFFICE', departmentId: null }
  const complete = { legalBasis: '《行政许可法》', timeLimit: '5个工作日', fees: '不收费', contact: '0826-1234567', publishedAt: at('2026-06-01') }
  const item = async (code: string, data: Record<string, unknown>) => { ids[code] = (await db().powerItem.create({ data: { code, name: `事项${code}`, type: 'LICENSING', departmentId: a, ...complete, ...data } })).id }
  await item('A1', {})
  await item('A2', { type: 'PENALTY', legalBasis: null, timeLimit: '  ', contact: null, publishedAt: at('2025-09-01') })
  await item('A3', { type: 'PUBLIC_SERVICE', fees: null })
  await item('A4', { status: 'CANCELLED', legalBasis: null, timeLimit: null, fees: null, contact: null, publishedAt: at('2020-01-01') })
  const duty = { departmentId: a, content: '职责', publishedAt: at('2026-06-01') }
  await db().duty.create({ data: { ...duty, code: 'D1', kind: 'POWER_DUTY', powerItemId: ids.A1!, title: '审核责任', accountabilityCases: { create: [{ content: '违规审批的' }] } } })
  ids.D2 = (await db().duty.create({ data: { ...duty, code: 'D2', kind: 'POWER_DUTY', powerItemId: ids.A1!, title: '监管责任' } })).id
  await db().duty.create({ data: { ...duty, code: 'D3', kind: 'DEPARTMENT_DUTY', title: '部门职责' } })
  const fund = { departmentId: b, year: 2026, amount: 100, legalBasis: '文件', purpose: '用途', recipients: '企业', allocationMethod: 'PROJECT' as const, performanceTargets: '目标', periodStart: 2026, periodEnd: 2028, howToApply: '申报', publishedAt: at('2026-06-01') }
  ids.F1 = (await db().specialFund.create({ data: { ...fund, code: 'F1', name: '资金一', performanceTargets: '' } })).id
  await db().specialFund.create({ data: { ...fund, code: 'F2', name: '资金二', allocations: { create: [{ recipient: '某公司', amount: 10, publishedOn: new Date('2026-03-01') }] } } })
  ids.F3 = (await db().specialFund.create({ data: { ...fund, code: 'F3', name: '资金三', allocations: { create: [{ recipient: '某公司', amount: 10, publishedOn: new Date('2026-12-01') }] } } })).id
  const request = async (key: string, status: 'DRAFT' | 'SUBMITTED' | 'APPROVED' | 'RETURNED' | 'PUBLISHED', created: string, extra: { submitted?: string; decided?: [string, 'APPROVED' | 'RETURNED'] } = {}) => {
    const cr = await db().changeRequest.create({ data: { entityType: 'SPECIAL_FUND', action: 'ADD', departmentId: b, authorId: user.id, payload: { code: key, name: `变更${key}` }, status, createdAt: at(created), submittedAt: extra.submitted ? at(extra.submitted) : null } })
    if (extra.decided) await db().decision.create({ data: { changeRequestId: cr.id, outcome: extra.decided[1], decidedById: user.id, createdAt: at(extra.decided[0]) } })
    ids[key] = cr.id
  }
  await request('CR1', 'DRAFT', '2026-09-25')
  await request('CR2', 'SUBMITTED', '2026-09-10', { submitted: '2026-09-14' })
  await request('CR3', 'APPROVED', '2026-09-10', { submitted: '2026-09-11', decided: ['2026-09-29', 'APPROVED'] })
  await request('CR4', 'APPROVED', '2026-09-10', { submitted: '2026-09-11', decided: ['2026-10-08', 'APPROVED'] })
  await request('CR5', 'RETURNED', '2026-08-01', { submitted: '2026-08-03', decided: ['2026-09-30', 'RETURNED'] })
  await request('CR6', 'PUBLISHED', '2026-01-05', { submitted: '2026-01-06', decided: ['2026-01-07', 'APPROVED'] })
  for (const date of ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07']) await setCalendarDay(db(), office, date, { workday: false, name: '国庆节' })
  await setCalendarDay(db(), office, '2026-10-10', { workday: true, name: '国庆调休上班' })
})
afterAll(async () => { await env.close() })

describe('list-quality findings', () => {
  it('counts each kind for the city and per department', async () => {
    const r = await report(null)
    expect(r.city).toEqual({
      ITEM_NO_LEGAL_BASIS: 1, ITEM_NO_TIME_LIMIT: 1, ITEM_NO_FEES: 1, ITEM_NO_CONTACT: 1, POWER_NO_DUTY: 1, DUTY_NO_CASE: 1,
      FUND_NO_TARGETS: 1, FUND_NO_ALLOCATION: 2, STALE_RECORD: 1, FILING_OVERDUE: 0, REVIEW_OVERDUE: 1, PUBLICATION_OVERDUE: 1,
    })
    expect(r.cityTotal).toBe(12)
    expect(r.departments.map((d) => [d.departmentName, d.total])).toEqual([['甲局', 7], ['乙局', 5]])
  })

  it('names the records behind each finding, with a link to open them', async () => {
    const r = await report(null, { pageSize: 200 })
    const of = (kind: string) => r.findings.filter((f) => f.kind === kind).map((f) => f.code).sort()
    expect(of('ITEM_NO_LEGAL_BASIS')).toEqual(['A2'])
    expect(of('ITEM_NO_FEES')).toEqual(['A3'])
    expect(of('POWER_NO_DUTY')).toEqual(['A2'])
    expect(of('DUTY_NO_CASE')).toEqual(['D2'])
    expect(of('FUND_NO_ALLOCATION')).toEqual(['F1', 'F3'])
    expect(r.findings.find((f) => f.kind === 'STALE_RECORD')).toMatchObject({ recordType: 'POWER_ITEM', recordId: ids.A2, since: '2025-09-01', publicPath: '/items/A2' })
    expect(r.findings.find((f) => f.kind === 'DUTY_NO_CASE')).toMatchObject({ recordType: 'DUTY', recordId: ids.D2, publicPath: '/items/A1' })
    expect(r.findings.find((f) => f.kind === 'FUND_NO_TARGETS')).toMatchObject({ recordId: ids.F1, publicPath: '/funds/F1' })
  })

  it('counts waiting changes in working days, skipping the holiday and counting the 调休 Saturday', async () => {
    const r = await report(null, { dept: b, pageSize: 200 })
    const waits = r.findings.filter((f) => f.recordType === 'CHANGE_REQUEST')
    expect(waits).toEqual([
      expect.objectContaining({ kind: 'REVIEW_OVERDUE', recordId: ids.CR2, name: '变更CR2', since: '2026-09-14', dueBy: '2026-10-10', workingDaysWaited: 16 }),
      expect.objectContaining({ kind: 'PUBLICATION_OVERDUE', recordId: ids.CR3, since: '2026-09-29', dueBy: '2026-10-09', workingDaysWaited: 5 }),
    ])
    // CR1, drafted on 25 September, has waited 7 working days, not the 11 an ordinary fortnight would give.
    expect(waits.some((f) => f.recordId === ids.CR1)).toBe(false)
  })

  it('follows the calendar when the office changes it, and audits the change', async () => {
    await removeCalendarDay(db(), office, '2026-10-01')
    try {
      const r = await report(null, { kind: 'PUBLICATION_OVERDUE' })
      expect(r.findings).toEqual([expect.objectContaining({ recordId: ids.CR3, dueBy: '2026-10-08', workingDaysWaited: 6 })])
    } finally {
      await setCalendarDay(db(), office, '2026-10-01', { workday: false, name: '国庆节' })
    }
    expect((await workdayOverrides(db())).get('2026-10-01')).toBe(false)
    const entries = await db().auditEntry.findMany({ where: { entityId: 'calendar:2026-10-01' }, orderBy: { seq: 'asc' } })
    expect(entries.map((e) => e.action)).toEqual(['calendar.create', 'calendar.delete', 'calendar.create'])
    expect(entries[1]).toMatchObject({ actorName: 'office', before: { date: '2026-10-01', workday: false, name: '国庆节' } })
  })

  it('limits a department to its own findings', async () => {
    const r = await report(a, { dept: b })
    expect(r.departments.map((d) => d.departmentId)).toEqual([a])
    expect(r.cityTotal).toBe(7)
    expect(new Set(r.findings.map((f) => f.departmentId))).toEqual(new Set([a]))
  })

  it('pages the findings of one kind', async () => {
    const r = await report(null, { kind: 'FUND_NO_ALLOCATION', pageSize: 1, page: 2 })
    expect(r).toMatchObject({ matching: 2, pageCount: 2, page: 2 })
    expect(r.findings.map((f) => f.code)).toEqual(['F3'])
  })
})

describe('the 考核 scorecard', () => {
  it('scores completeness from the checks and timeliness from the steps due in the period, weighted', async () => {
    const q3 = await computeScorecard(db(), '2026-Q3', { completeness: 60, timeliness: 40, reformTasks: 0 }, TODAY)
    // 甲局: 3 items × 5 checks, 2 powers, 2 责任事项, 3 duties' staleness = 22 checks, 7 failed.
    // 乙局: 3 funds × 3 checks = 9, 3 failed; in Q3 four submissions on time, CR3's review on time,
    // CR5's review (submitted 3 August, returned 30 September: 42 working days) late.
    expect(q3).toEqual([
      { departmentId: a, departmentName: '甲局', checks: 22, failed: 7, completeness: 68.2, steps: 0, late: 0, timeliness: null, tasks: 0, tasksLate: 0, reformTasks: null, total: 68.2 },
      { departmentId: b, departmentName: '乙局', checks: 9, failed: 3, completeness: 66.7, steps: 6, late: 1, timeliness: 83.3, tasks: 0, tasksLate: 0, reformTasks: null, total: 73.3 },
    ])
    // Q4 so far: CR4 reviewed in time; CR2 and CR3 ran out of time on 10 and 9 October and are still open.
    const q4 = await computeScorecard(db(), '2026-Q4', { completeness: 0, timeliness: 100, reformTasks: 0 }, TODAY)
    expect(q4.find((r) => r.departmentId === b)).toMatchObject({ steps: 3, late: 2, timeliness: 33.3, total: 33.3 })
    expect(q4.find((r) => r.departmentId === a)).toMatchObject({ timeliness: null, total: null })
  })

  it('keeps a period once taken, with the weights of the day, and exports it as Excel', async () => {
    await setScorecardWeights(db(), office, { completeness: 50, timeliness: 50, reformTasks: 0 })
    const taken = await takeScorecard(db(), office, '2026-Q3', undefined, TODAY)
    expect(taken.weights).toEqual({ completeness: 50, timeliness: 50, reformTasks: 0 })
    expect(taken.rows.find((r) => r.departmentId === b)!.total).toBe(75)
    await setScorecardWeights(db(), office, DEFAULT_WEIGHTS)
    expect((await getScorecard(db(), taken.id, null)).rows.find((r) => r.departmentId === b)!.total).toBe(75)
    await expect(takeScorecard(db(), office, '2026-Q3', undefined, TODAY)).rejects.toMatchObject({ status: 409, code: 'SCORECARD_EXISTS' })
    await expect(takeScorecard(db(), office, '2027', undefined, TODAY)).rejects.toMatchObject({ status: 400, code: 'PERIOD_NOT_STARTED' })
    expect((await getScorecard(db(), taken.id, a)).rows.map((r) => r.departmentName)).toEqual(['甲局'])
    const { fileName, body } = await scorecardWorkbook(db(), taken.id, null)
    expect(fileName).toBe('考核结果-2026-Q3.xlsx')
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(body as unknown as ArrayBuffer)
    const sheet = book.worksheets[0]!
    expect(sheet.getRow(1).getCell(4).value).toBe('完整性得分（权重50%）')
    expect(sheet.getRow(3).values).toEqual([undefined, '乙局', 9, 3, 66.7, 6, 1, 83.3, 0, 0, undefined, 75])
    const actions = (await db().auditEntry.findMany({ where: { entityType: 'SETTING' }, orderBy: { seq: 'asc' } })).map((e) => e.action)
    expect(actions.filter((x) => x === 'scorecard.create' || x === 'setting.update')).toEqual(['setting.update', 'scorecard.create', 'setting.update'])
  })
})
