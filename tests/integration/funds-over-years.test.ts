// A continuing special fund is one fund across its years: its page shows the size and the
// allocations of each year, the list compares a year with the one before (per fund and in the
// headline) and never adds years together, and a new year is proposed under the fund's identity.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AuditActor } from '../../server/services/audit'
import { getFund, listFunds } from '../../server/services/lists/funds'
import { listStatistics } from '../../server/services/lists/statistics'
import { createDraft, decide, submitDraft } from '../../server/services/workflow/change-requests'
import { createListVersion, publishListVersion } from '../../server/services/workflow/list-versions'
import type { WorkflowError } from '../../server/services/workflow/errors'
import { fundListQuerySchema } from '../../shared/lists'
import { draftInputSchema, type DraftInput } from '../../shared/drafts'
import { cityToday } from '../../shared/city-time'
import { createTestEnv, type TestEnv } from '../helpers/services'

let env: TestEnv
const db = () => env.db.prisma
const cents = (wan: string) => Math.round(Number(wan) * 100)

beforeAll(async () => {
  env = await createTestEnv({ realData: true })
})
afterAll(async () => { await env.close() })

describe('a fund over the years', () => {
  it('shows on its page every year of the fund with its size and what was allocated', async () => {
    const groups = await db().specialFund.groupBy({ by: ['seriesCode'], _count: { _all: true }, orderBy: { seriesCode: 'asc' } })
    const series = groups.find((g) => g._count._all === 3)!.seriesCode!
    const years = await db().specialFund.findMany({ where: { seriesCode: series }, orderBy: { year: 'asc' }, include: { allocations: true } })
    const middle = (await getFund(db(), years[1]!.code))!
    expect(middle.seriesCode).toBe(series)
    expect(middle.years.map((y) => [y.code, y.year, y.amount])).toEqual(years.map((f) => [f.code, f.year, f.amount.toFixed(2)]))
    for (const [i, y] of middle.years.entries()) {
      expect(y.allocations).toHaveLength(years[i]!.allocations.length)
      expect(cents(y.allocatedAmount)).toBe(years[i]!.allocations.reduce((n, a) => n + cents(a.amount.toFixed(2)), 0))
    }
    expect(middle.previous).toEqual({ code: years[0]!.code, year: years[0]!.year, amount: years[0]!.amount.toFixed(2) })
    expect((await getFund(db(), years[0]!.code))!.previous).toBeNull()
  })

  it('compares each fund of a year with its entry of the year before, and totals each year apart', async () => {
    const page = await listFunds(db(), fundListQuerySchema.parse({ year: '2025', pageSize: '200' }))
    const withPrevious = page.items.filter((f) => f.previous)
    expect(withPrevious.length).toBeGreaterThan(0)
    expect(page.items.some((f) => !f.previous)).toBe(true)
    for (const f of withPrevious) {
      const before = await db().specialFund.findUniqueOrThrow({ where: { code: f.previous!.code } })
      expect([before.year, before.seriesCode, before.amount.toFixed(2)]).toEqual([2024, f.seriesCode, f.previous!.amount])
    }
    const all = await listFunds(db(), fundListQuerySchema.parse({}))
    expect(all.byYear.map((y) => y.year)).toEqual([2026, 2025, 2024])
    expect(all.byYear.reduce((n, y) => n + y.count, 0)).toBe(all.total)
    // The year chosen leaves the other years' totals for the comparison with the year before.
    expect(page.byYear).toEqual(all.byYear)
    expect(page.totalAmount).toBe(all.byYear.find((y) => y.year === 2025)!.amount)
    const asOfToday = await listFunds(db(), fundListQuerySchema.parse({ year: '2025', pageSize: '200', date: cityToday() }))
    expect(asOfToday.items).toEqual(page.items)
    expect(asOfToday.byYear).toEqual(page.byYear)
  })

  it('heads the home page with the newest year alone', async () => {
    const stats = await listStatistics(db())
    const newest = (await listFunds(db(), fundListQuerySchema.parse({}))).byYear[0]!
    expect(stats).toMatchObject({ fundYear: newest.year, funds: newest.count, fundTotalWan: newest.amount })
  })

  it('takes a new year under the fund\'s identity, given as the identity or as last year\'s code, once a year', async () => {
    const last = await db().specialFund.findFirstOrThrow({ where: { year: 2026, seriesCode: { not: null } }, orderBy: { code: 'asc' } })
    const mk = async (username: string, role: 'EDITOR' | 'REFORM_OFFICE', departmentId: number | null): Promise<AuditActor & { id: number }> => {
      const u = await db().user.create({ data: { username, displayName: username, passwordHash: 'x', role, departmentId } })
      return { id: u.id, username, role, departmentId }
    }
    const editor = await mk('fund-editor', 'EDITOR', last.departmentId)
    const office = await mk('office', 'REFORM_OFFICE', null)
    const payload = (code: string, seriesCode: string) => ({
      code, seriesCode, name: last.name.replace('2026', '2027'), year: 2027, amount: '321.00', legalBasis: last.legalBasis, purpose: last.purpose, recipients: last.recipients,
      allocationMethod: last.allocationMethod, performanceTargets: last.performanceTargets, periodStart: 2027, periodEnd: 2027, howToApply: last.howToApply,
    })
    const draft = (input: unknown) => draftInputSchema.parse(input) as DraftInput
    const { id } = await createDraft(db(), editor, last.departmentId, draft({ entityType: 'SPECIAL_FUND', action: 'ADD', payload: payload('FUND-2027-NEXT', last.code) }))
    await expect(createDraft(db(), editor, last.departmentId, draft({ entityType: 'SPECIAL_FUND', action: 'ADD', payload: { ...payload('FUND-2027-TWICE', last.seriesCode!), year: 2026, periodStart: 2026, periodEnd: 2026 } })))
      .rejects.toMatchObject({ status: 409, code: 'FUND_YEAR_TAKEN' } satisfies Partial<WorkflowError>)
    await submitDraft(db(), editor, id, '延续下一年度')
    const today = cityToday()
    await decide(db(), office, id, { outcome: 'APPROVED', documentNo: '广安财〔2026〕99号', effectiveDate: today, comment: null })
    const version = await createListVersion(db(), office, { title: '2027年度资金', documentNo: '广安财〔2026〕99号', effectiveDate: today, changeRequestIds: [id] })
    await publishListVersion(db(), office, version.id)
    const added = (await getFund(db(), 'FUND-2027-NEXT'))!
    expect(added.seriesCode).toBe(last.seriesCode)
    expect(added.years.map((y) => y.year)).toContain(2026)
    expect(added.previous).toMatchObject({ code: last.code, year: 2026 })
  })
})
