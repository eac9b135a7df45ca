// A scripted history read back as the public reads it: three list versions published on three
// later days (an item changed then delegated, another cancelled, one added, a duty and a fund
// changed, each with its document and public reason). Each list is read at the end of every day
// and compared between every pair of days; the open-data files give the same; every public
// change line shows old → new and the reason; a version is counted the same everywhere.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AuditActor } from '../../server/services/audit'
import { createDraft, decide, submitDraft } from '../../server/services/workflow/change-requests'
import { createListVersion, publishListVersion } from '../../server/services/workflow/list-versions'
import { listPowerItems } from '../../server/services/lists/power-list'
import { listDuties } from '../../server/services/lists/duties'
import { getFund, listFunds } from '../../server/services/lists/funds'
import { compareLists } from '../../server/services/lists/as-of'
import { getPublishedPowerItem } from '../../server/services/lists/power-items'
import { getAnnouncement, listAnnouncements } from '../../server/services/lists/announcements'
import { compareDownload, listDownload } from '../../server/services/open-data/downloads'
import { publishedVersions } from '../../server/services/open-data/versions'
import { listVersions } from '../../server/services/workflow/queries'
import { announcementQuerySchema, compareQuerySchemas, dutyListQuerySchema, fundListQuerySchema, powerListQuerySchema, type CompareQuery, type ListKind } from '../../shared/lists'
import { exportFilterSchemas } from '../../shared/open-data'
import { draftInputSchema, type DraftInput } from '../../shared/drafts'
import type { ComparedRecord } from '../../shared/list-views'
import { cityToday } from '../../shared/city-time'
import { ITEM_TYPE_KEYS } from '../../shared/item-types'
import { csvRecords } from '../helpers/spreadsheets'
import { createTestEnv, type TestEnv } from '../helpers/services'

let env: TestEnv
let police: { id: number }
let editor: AuditActor & { id: number }
let fundEditor: AuditActor & { id: number }
let office: AuditActor & { id: number }
let passport: { id: number; code: string; name: string; aliases: string[]; type: string; timeLimit: string | null; level: string }
let cancelled: { id: number; code: string }
let duty: { id: number; code: string; title: string; content: string; basis: string | null; kind: string }
let fund: { id: number; code: string; amount: string }

const db = () => env.db.prisma
const draft = (input: unknown) => draftInputSchema.parse(input) as DraftInput
const plusDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10)
const today = cityToday()
const day1 = plusDays(today, 10)
const day2 = plusDays(today, 20)
const day3 = plusDays(today, 30)
/** Ten in the morning in the city on that day. */
const morningOf = (date: string) => new Date(`${date}T02:00:00Z`)

async function publish(date: string, documentNo: string, changes: { id: number; reason: string }[]) {
  for (const c of changes) await decide(db(), office, c.id, { outcome: 'APPROVED', documentNo, effectiveDate: date, comment: '内部备注：材料齐全', publicReason: c.reason })
  const version = await createListVersion(db(), office, { title: `${date}调整`, documentNo, effectiveDate: date, changeRequestIds: changes.map((c) => c.id) })
  return publishListVersion(db(), office, version.id, morningOf(date))
}

async function submitted(input: unknown, by = editor, departmentId = police.id) {
  const { id } = await createDraft(db(), by, departmentId, draft(input))
  await submitDraft(db(), by, id, '经办人的内部理由')
  return id
}

const powerOn = async (date: string, query: Record<string, string> = {}) => listPowerItems(db(), powerListQuerySchema.parse({ date, dept: String(police.id), pageSize: '200', ...query }))
const rowOf = async (date: string, code: string) => (await listPowerItems(db(), powerListQuerySchema.parse({ date, dept: String(police.id), type: [...ITEM_TYPE_KEYS], pageSize: '200' }))).items.find((r) => r.code === code)
/** A comparison as GET /api/v1/compare/<list> reads it from the query string. */
function compareQuery(list: ListKind, from: string, to: string, params: Record<string, string> = {}): CompareQuery {
  const { from: f, to: t, change, page, pageSize, ...filters } = compareQuerySchemas[list].parse({ from, to, pageSize: '200', ...params })
  return { list, filters, from: f, to: t, change, page, pageSize } as CompareQuery
}
const compare = (list: ListKind, from: string, to: string, params: Record<string, string> = {}) => compareLists(db(), compareQuery(list, from, to, params))
const byCode = (items: ComparedRecord[]) => Object.fromEntries(items.map((c) => [c.code, c]))

beforeAll(async () => {
  env = await createTestEnv({ realData: true })
  police = await db().department.findUniqueOrThrow({ where: { name: '区公安分局' } })
  passport = await db().powerItem.findFirstOrThrow({ where: { name: '普通护照签发' } })
  cancelled = await db().powerItem.findFirstOrThrow({ where: { departmentId: police.id, type: 'LICENSING', status: 'IN_FORCE', id: { not: passport.id } }, orderBy: { code: 'asc' } })
  duty = await db().duty.findFirstOrThrow({ where: { departmentId: police.id, kind: 'DEPARTMENT_DUTY' }, orderBy: { code: 'asc' } })
  const f = await db().specialFund.findFirstOrThrow({ orderBy: { code: 'asc' } })
  fund = { id: f.id, code: f.code, amount: f.amount.toFixed(2) }
  const mk = async (username: string, role: 'EDITOR' | 'REFORM_OFFICE', departmentId: number | null) => {
    const u = await db().user.create({ data: { username, displayName: username, passwordHash: 'x', role, departmentId } })
    return { id: u.id, username, role, departmentId }
  }
  editor = await mk('police-editor', 'EDITOR', police.id)
  fundEditor = await mk('fund-editor', 'EDITOR', f.departmentId)
  office = await mk('office', 'REFORM_OFFICE', null)

  const fields = (overrides: Record<string, unknown>) => ({ name: passport.name, aliases: passport.aliases, type: passport.type, level: passport.level, timeLimit: passport.timeLimit, ...overrides })
  await publish(day1, '广安审改〔2026〕21号', [
    { id: await submitted({ action: 'UPDATE', entityId: passport.id, payload: fields({ timeLimit: '5个工作日' }) }), reason: '优化营商环境，压缩办理时限' },
    { id: await submitted({ action: 'CANCEL', entityId: cancelled.id }), reason: '上位法已废止该审批' },
  ])
  await publish(day2, '广安审改〔2026〕22号', [
    { id: await submitted({ action: 'DELEGATE', entityId: passport.id, payload: { toLevel: 'TOWNSHIP' } }), reason: '就近办理，下放至乡镇（街道）' },
    { id: await submitted({ action: 'ADD', payload: { code: 'NEW-PIT-1', name: '户外广告设施设置备案', type: 'OTHER_POWER' } }), reason: '新增备案事项' },
    { id: await submitted({ entityType: 'DUTY', action: 'UPDATE', entityId: duty.id, payload: { kind: duty.kind, title: `${duty.title}（修订）`, content: duty.content, basis: duty.basis, powerItemId: null, cases: [] } }), reason: '职责表述修订' },
  ])
  const full = (await db().specialFund.findUniqueOrThrow({ where: { id: fund.id } }))
  const fundFields = { name: full.name, year: full.year, amount: '999.50', legalBasis: full.legalBasis, purpose: full.purpose, recipients: full.recipients, allocationMethod: full.allocationMethod, performanceTargets: full.performanceTargets, periodStart: full.periodStart, periodEnd: full.periodEnd, howToApply: full.howToApply }
  await publish(day3, '广安财〔2026〕23号', [
    { id: await submitted({ entityType: 'SPECIAL_FUND', action: 'UPDATE', entityId: fund.id, payload: fundFields }, fundEditor, full.departmentId), reason: '追加年度预算' },
  ])
})
afterAll(async () => { await env.close() })

describe('a list as it stood at the end of each day', () => {
  it('shows each item in the state it had that day, filtered and counted on that state', async () => {
    expect(await rowOf(today, passport.code)).toMatchObject({ status: 'IN_FORCE', level: 'COUNTY' })
    expect(await rowOf(today, cancelled.code)).toMatchObject({ status: 'IN_FORCE' })
    expect(await rowOf(today, 'NEW-PIT-1')).toBeUndefined()
    expect(await rowOf(day1, cancelled.code)).toMatchObject({ status: 'CANCELLED', statusDocumentNo: '广安审改〔2026〕21号', statusChangedAt: morningOf(day1).toISOString() })
    expect(await rowOf(day2, passport.code)).toMatchObject({ status: 'DELEGATED', level: 'TOWNSHIP' })
    expect(await rowOf(day2, 'NEW-PIT-1')).toMatchObject({ status: 'IN_FORCE', name: '户外广告设施设置备案' })

    const cancelledOn = async (date: string) => (await powerOn(date, { status: 'CANCELLED' })).items.map((r) => r.code)
    expect(await cancelledOn(today)).not.toContain(cancelled.code)
    expect(await cancelledOn(day1)).toContain(cancelled.code)
    const day2List = await powerOn(day2)
    expect(day2List.asOf).toBe(day2)
    expect(day2List.filters.dept.find((d) => d.value === String(police.id))!.count).toBe(day2List.total)
    expect(day2List.filters.status.find((s) => s.value === 'DELEGATED')!.count).toBe(1)
    expect(day2List.total).toBe((await powerOn(today)).total + 1)
    // Today's list and today's date agree.
    const now = await listPowerItems(db(), powerListQuerySchema.parse({ dept: String(police.id), pageSize: '200' }))
    expect((await powerOn(day3)).items).toEqual(now.items)
    expect(now.asOf).toBeNull()
  })

  it('shows duties and funds as they stood, with the same counts as the lists of today where nothing changed', async () => {
    const dutiesOn = async (date: string) => listDuties(db(), dutyListQuerySchema.parse({ date, dept: String(police.id), kind: 'DEPARTMENT_DUTY', pageSize: '200' }))
    expect((await dutiesOn(day1)).items.find((d) => d.code === duty.code)!.title).toBe(duty.title)
    expect((await dutiesOn(day2)).items.find((d) => d.code === duty.code)!.title).toBe(`${duty.title}（修订）`)
    const fundsOn = async (date: string) => listFunds(db(), fundListQuerySchema.parse({ date, pageSize: '200' }))
    expect((await fundsOn(day2)).items.find((f) => f.code === fund.code)!.amount).toBe(fund.amount)
    expect((await fundsOn(day3)).items.find((f) => f.code === fund.code)!.amount).toBe('999.50')
    const current = await listFunds(db(), fundListQuerySchema.parse({ pageSize: '200' }))
    const asOfDay3 = await fundsOn(day3)
    expect(asOfDay3.totalAmount).toBe(current.totalAmount)
    expect(asOfDay3.filters).toEqual(current.filters)
  })

  it('gives the same rows as a download of that day', async () => {
    const file = await listDownload(db(), { list: 'power', filters: exportFilterSchemas.power.parse({ date: day1, dept: String(police.id), status: 'CANCELLED' }) }, 'csv')
    expect(file.fileName).toBe(`权力清单-${day1}.csv`)
    expect(csvRecords(String(file.body)).rows.map((r) => r['事项编码'])).toEqual([cancelled.code])
  })
})

describe('comparing two days', () => {
  it('names each change between every pair of days, field by field with its document and reason', async () => {
    const first = byCode((await compare('power', today, day1)).items)
    expect(Object.keys(first).sort()).toEqual([cancelled.code, passport.code].sort())
    expect(first[passport.code]).toMatchObject({
      kind: 'CHANGED',
      changes: [{ field: 'timeLimit', before: passport.timeLimit, after: '5个工作日' }],
      versions: [{ action: 'UPDATE', documentNo: '广安审改〔2026〕21号', reason: '优化营商环境，压缩办理时限' }],
    })
    expect(first[cancelled.code]).toMatchObject({ kind: 'CANCELLED', statusFrom: 'IN_FORCE', statusTo: 'CANCELLED' })

    const second = byCode((await compare('power', day1, day2)).items)
    expect(Object.keys(second).sort()).toEqual(['NEW-PIT-1', passport.code].sort())
    expect(second['NEW-PIT-1']).toMatchObject({ kind: 'ADDED', statusFrom: null, versions: [{ action: 'ADD', reason: '新增备案事项' }] })
    expect(second[passport.code]!.kind).toBe('DELEGATED')
    expect(second[passport.code]!.changes).toEqual(expect.arrayContaining([
      { field: 'level', before: 'COUNTY', after: 'TOWNSHIP' },
      { field: 'status', before: 'IN_FORCE', after: 'DELEGATED' },
      { field: 'delegatedToLevel', before: null, after: 'TOWNSHIP' },
    ]))

    const whole = await compare('power', today, day3)
    expect(whole.counts).toEqual([{ kind: 'ADDED', count: 1 }, { kind: 'CANCELLED', count: 1 }, { kind: 'DELEGATED', count: 1 }])
    expect(byCode(whole.items)[passport.code]!.versions.map((v) => v.documentNo)).toEqual(['广安审改〔2026〕21号', '广安审改〔2026〕22号'])
    expect((await compare('power', today, day3, { change: 'CANCELLED' })).items.map((c) => c.code)).toEqual([cancelled.code])
    expect((await compare('power', day2, day3)).total).toBe(0)
    expect((await compare('power', today, day3, { type: 'OTHER_POWER' })).items.map((c) => c.code)).toEqual(['NEW-PIT-1'])

    expect((await compare('responsibility', day1, day2)).items).toMatchObject([{ code: duty.code, kind: 'CHANGED', changes: [{ field: 'title' }] }])
    expect((await compare('fund', day2, day3)).items).toMatchObject([{ code: fund.code, kind: 'CHANGED', changes: [{ field: 'amount', before: fund.amount, after: '999.50' }], versions: [{ documentNo: '广安财〔2026〕23号', reason: '追加年度预算' }] }])
    expect((await compare('responsibility', today, day1)).total).toBe(0)
    expect((await compare('fund', today, day2)).total).toBe(0)
  })

  it('gives the same comparison as a download', async () => {
    const comparison = await compare('power', today, day3)
    const file = await compareDownload(db(), compareQuery('power', today, day3), 'csv')
    const rows = csvRecords(String(file.body)).rows
    expect(rows.map((r) => r['编码'])).toEqual(comparison.items.map((c) => c.code))
    expect(rows.find((r) => r['编码'] === passport.code)!['变更前后']).toContain('行使层级：县（区）级 → 乡镇（街道）级')
    expect(rows.find((r) => r['编码'] === passport.code)!['期间发布']).toContain('理由：就近办理，下放至乡镇（街道）')
  })

  it('refuses a second day before the first', () => {
    expect(compareQuerySchemas.power.safeParse({ from: day2, to: day1 }).success).toBe(false)
  })
})

describe('public change lines', () => {
  it('show old → new and the public reason on the item page, never the internal reason or remark', async () => {
    const item = (await getPublishedPowerItem(db(), passport.code))!
    expect(item.history.map((h) => [h.action, h.documentNo, h.reason])).toEqual([
      ['ADD', null, null],
      ['UPDATE', '广安审改〔2026〕21号', '优化营商环境，压缩办理时限'],
      ['DELEGATE', '广安审改〔2026〕22号', '就近办理，下放至乡镇（街道）'],
    ])
    expect(item.history[1]!.changes).toEqual([{ field: 'timeLimit', before: passport.timeLimit, after: '5个工作日' }])
    const text = JSON.stringify(item)
    expect(text).not.toContain('经办人的内部理由')
    expect(text).not.toContain('内部备注')
    // A delegated item's level and where it was delegated to agree.
    expect(item.level).toBe('TOWNSHIP')
    expect(item.delegatedTo).toEqual({ level: 'TOWNSHIP', department: null })
    const f = (await getFund(db(), fund.code))!
    expect(f.history.at(-1)).toMatchObject({ reason: '追加年度预算', changes: [{ field: 'amount', before: fund.amount, after: '999.50' }] })
  })

  it('show the same on the announcement, which counts as the open data and the back office count', async () => {
    const rows = await listAnnouncements(db())
    const second = rows.find((a) => a.documentNo === '广安审改〔2026〕22号')!
    expect(second.counts).toEqual({ total: 3, lists: [
      { list: 'power', total: 2, actions: [{ action: 'ADD', count: 1 }, { action: 'DELEGATE', count: 1 }] },
      { list: 'responsibility', total: 1, actions: [{ action: 'UPDATE', count: 1 }] },
    ], guides: 0 })
    const versionId = (await db().announcement.findUniqueOrThrow({ where: { id: second.id } })).listVersionId
    expect((await publishedVersions(db())).find((v) => v.id === versionId)).toMatchObject({ changes: 3, counts: second.counts })
    expect((await listVersions(db())).find((v) => v.id === versionId)).toMatchObject({ changes: 3, counts: second.counts })
    const view = (await getAnnouncement(db(), second.id, announcementQuerySchema.parse({})))!
    const line = view.changes.items.find((c) => c.code === passport.code)!
    expect(line).toMatchObject({ list: 'power', action: 'DELEGATE', reason: '就近办理，下放至乡镇（街道）' })
    expect(line.changes).toEqual(expect.arrayContaining([{ field: 'level', before: 'COUNTY', after: 'TOWNSHIP' }]))
    expect(view.changes.items.find((c) => c.code === duty.code)).toMatchObject({ list: 'responsibility', type: null, changes: [{ field: 'title', before: duty.title, after: `${duty.title}（修订）` }] })
    expect(view.body).toContain('理由：就近办理，下放至乡镇（街道）')
  })
})
