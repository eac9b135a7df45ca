// The review workflow for the responsibility list (Duty) and the special-fund list (SpecialFund),
// on the real data: a draft changes nothing public; once approved and published in a list version
// the record, its history (RecordVersion as the importer records it), the search index and the
// announcement change together; refusals write nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { verifyAuditChain, type AuditActor } from '../../server/services/audit'
import { createDraft, decide, submitDraft, updateDraft } from '../../server/services/workflow/change-requests'
import { createListVersion, publishListVersion } from '../../server/services/workflow/list-versions'
import { getChangeRequest, listChangeRequests } from '../../server/services/workflow/queries'
import { drainAll } from '../../server/services/search/outbox'
import { searchItems } from '../../server/services/search/query'
import { listDuties } from '../../server/services/lists/duties'
import { getFund } from '../../server/services/lists/funds'
import { dutySnapshot, fundSnapshot } from '../../server/services/lists/snapshots'
import { draftInputSchema, type DraftInput } from '../../shared/drafts'
import { dutyListQuerySchema } from '../../shared/lists'
import { changeRequestQuerySchema } from '../../shared/workspace'
import { searchQuerySchema } from '../../shared/search'
import { listAsOf } from '../../server/services/point-in-time'
import { historyListQuerySchemas } from '../../shared/history'
import { cityToday } from '../../shared/city-time'
import { createActor, createEditorAndOffice, createSeededTestEnv, draft, refused, today, type TestEnv } from '../helpers/services'

let env: TestEnv
let policeEditor: AuditActor & { id: number }
let civilEditor: AuditActor & { id: number }
let office: AuditActor & { id: number }
let police: { id: number }
let civil: { id: number }

const db = () => env.db.prisma
const search = async (q: string, list: string) => (await searchItems(env.meili, db(), env.config.meiliIndex, searchQuerySchema.parse({ q, list }))).hits
const hitName = (hit: { name: { text: string }[] }) => hit.name.map((p) => p.text).join('')

/** Submit, approve, gather into a version dated today and publish: the whole path of one change. */
async function publish(editor: AuditActor & { id: number }, departmentId: number, input: DraftInput, documentNo: string) {
  const created = await createDraft(db(), editor, departmentId, input)
  await submitDraft(db(), editor, created.id, '按年度清单动态调整要求修改')
  await decide(db(), office, created.id, { outcome: 'APPROVED', documentNo, effectiveDate: today(), comment: null })
  const version = await createListVersion(db(), office, { title: `${today().slice(0, 4)}年责任和资金调整`, documentNo, effectiveDate: today(), changeRequestIds: [created.id] })
  await publishListVersion(db(), office, version.id)
  await drainAll(db(), env.meili, env.config.meiliIndex)
  return { requestId: created.id, versionId: version.id }
}

function dutyFields(overrides: Record<string, unknown> = {}) {
  return { kind: 'DEPARTMENT_DUTY', title: '负责全区户籍管理工作', content: '负责全区户籍、居民身份证管理工作，指导派出所开展户政业务。', basis: null, powerItemId: null, cases: [], ...overrides }
}

function fundFields(overrides: Record<string, unknown> = {}) {
  return {
    name: '2026年城乡困难群众救助补助资金', year: 2026, amount: '1250.50', legalBasis: '《社会救助暂行办法》', purpose: '用于城乡低保、特困人员救助供养和临时救助。',
    recipients: '符合条件的城乡困难群众', allocationMethod: 'FACTOR', performanceTargets: '应保尽保，救助资金按时足额发放率100%。', periodStart: 2026, periodEnd: 2027,
    howToApply: '向户籍所在地乡镇人民政府（街道办事处）提出申请。', ...overrides,
  }
}

beforeAll(async () => {
  env = await createSeededTestEnv()
  police = await db().department.findUniqueOrThrow({ where: { name: '区公安分局' } })
  civil = await db().department.findUniqueOrThrow({ where: { name: '区民政局' } })
  ;({ editor: policeEditor, office } = await createEditorAndOffice(db(), police.id))
  civilEditor = await createActor(db(), { username: 'civil-editor', displayName: '民政经办人', role: 'EDITOR', departmentId: civil.id })
})
afterAll(async () => { await env.close() })

/** One change through the whole path, in a version effective on the city day of `at` and published at `at`. */
async function publishAt(at: Date, changes: { editor: AuditActor & { id: number }; departmentId: number; input: DraftInput }[], documentNo: string) {
  const ids: number[] = []
  for (const { editor, departmentId, input } of changes) {
    const created = await createDraft(db(), editor, departmentId, input)
    await submitDraft(db(), editor, created.id, '按年度清单动态调整要求修改')
    await decide(db(), office, created.id, { outcome: 'APPROVED', documentNo, effectiveDate: cityToday(at), comment: null })
    ids.push(created.id)
  }
  const version = await createListVersion(db(), office, { title: `${cityToday(at)}责任和资金调整`, documentNo, effectiveDate: cityToday(at), changeRequestIds: ids })
  await publishListVersion(db(), office, version.id, at)
}

describe('the responsibility and fund lists at any date, after publications through the workflow', () => {
  it('shows each list as it stood between publications on different days', async () => {
    const duty = await db().duty.findFirstOrThrow({ where: { departmentId: police.id, status: 'IN_FORCE' }, include: { accountabilityCases: true } })
    const fund = await db().specialFund.findFirstOrThrow({ where: { departmentId: civil.id, status: 'IN_FORCE' } })
    const day = 86_400_000
    const t1 = new Date(Date.now() + 10 * day)
    const t2 = new Date(Date.now() + 20 * day)
    const keep = { kind: duty.kind, content: duty.content, basis: duty.basis, powerItemId: duty.powerItemId, cases: duty.accountabilityCases.map((c) => ({ content: c.content, basis: c.basis })) }
    await publishAt(t1, [{ editor: policeEditor, departmentId: police.id, input: draft({ entityType: 'DUTY', action: 'UPDATE', entityId: duty.id, payload: { ...keep, title: '第一次调整后的责任事项' } }) }], '广安审改〔2026〕21号')
    await publishAt(t2, [
      { editor: policeEditor, departmentId: police.id, input: draft({ entityType: 'DUTY', action: 'UPDATE', entityId: duty.id, payload: { ...keep, title: '第二次调整后的责任事项' } }) },
      { editor: civilEditor, departmentId: civil.id, input: draft({ entityType: 'SPECIAL_FUND', action: 'CANCEL', entityId: fund.id, payload: {} }) },
    ], '广安审改〔2026〕22号')

    const duties = async (at: Date) => (await listAsOf(db(), { list: 'responsibility', query: historyListQuerySchemas.responsibility.parse({ date: cityToday(at), dept: police.id }) }, at)).records
    const funds = async (at: Date) => (await listAsOf(db(), { list: 'fund', query: historyListQuerySchemas.fund.parse({ date: cityToday(at) }) }, at)).records
    const titleAt = async (at: Date) => (await duties(at)).find((r) => r.record.code === duty.code)?.record
    const fundAt = async (at: Date) => (await funds(at)).find((r) => r.record.code === fund.code)

    expect((await titleAt(new Date(t1.getTime() - 1)))).toMatchObject({ title: duty.title })
    expect((await titleAt(new Date(t1.getTime() + 1)))).toMatchObject({ title: '第一次调整后的责任事项' })
    expect((await titleAt(new Date(t2.getTime() - 1)))).toMatchObject({ title: '第一次调整后的责任事项' })
    expect((await titleAt(new Date(t2.getTime() + 1)))).toMatchObject({ title: '第二次调整后的责任事项' })
    expect((await duties(new Date(t2.getTime() + 1))).every((r) => r.record.department === '区公安分局')).toBe(true)
    const dutyVersion = (await duties(new Date(t1.getTime() + 1))).find((r) => r.record.code === duty.code)!
    expect(dutyVersion.documentNo).toBe('广安审改〔2026〕21号')

    expect((await fundAt(new Date(t2.getTime() - 1)))?.status).toBe('IN_FORCE')
    expect((await fundAt(new Date(t2.getTime() + 1)))?.status).toBe('CANCELLED')
    // The lists of every day keep the same records: a cancelled fund is still listed, as cancelled.
    expect((await funds(new Date(t2.getTime() + 1))).length).toBe((await funds(new Date(t2.getTime() - 1))).length)
  })
})

describe('a duty from draft to publication', () => {
  it('changes the published duty, its cases, history, search and announcement only when published', async () => {
    const duty = await db().duty.findFirstOrThrow({ where: { departmentId: police.id, kind: 'POWER_DUTY' }, include: { accountabilityCases: true } })
    const payload = dutyFields({
      kind: 'POWER_DUTY', title: '户口迁移审批责任（含跨省通办）', powerItemId: duty.powerItemId, basis: '《中华人民共和国户口登记条例》',
      cases: [{ content: '对符合条件的户口迁移申请不予受理或者拖延办理的；', basis: null }, { content: '违规办理户口迁移造成严重后果的；', basis: '《公安机关人民警察纪律条令》' }],
    })
    const created = await createDraft(db(), policeEditor, police.id, draft({ entityType: 'DUTY', action: 'UPDATE', entityId: duty.id, payload }))
    expect(created).toMatchObject({ entityType: 'DUTY', entityId: duty.id, baseRevision: duty.revision, status: 'DRAFT' })
    // The review shows the published duty beside the proposal, cases included.
    const view = (await getChangeRequest(db(), created.id))!
    expect(view.entityType).toBe('DUTY')
    expect(view.diff.map((d) => d.field)).toEqual(expect.arrayContaining(['title', 'cases', 'basis']))
    expect(view.published).toMatchObject({ title: duty.title })
    await drainAll(db(), env.meili, env.config.meiliIndex)
    expect((await search('跨省通办', 'responsibility')).map(hitName)).not.toContain('户口迁移审批责任（含跨省通办）')
    expect((await db().duty.findUniqueOrThrow({ where: { id: duty.id } })).title).toBe(duty.title)
    await submitDraft(db(), policeEditor, created.id, '落实户籍业务跨省通办')
    await decide(db(), office, created.id, { outcome: 'APPROVED', documentNo: '广安审改〔2026〕21号', effectiveDate: today(), comment: null })
    const version = await createListVersion(db(), office, { title: '2026年第21批调整', documentNo: '广安审改〔2026〕21号', effectiveDate: today(), changeRequestIds: [created.id] })
    await publishListVersion(db(), office, version.id)

    const after = await db().duty.findUniqueOrThrow({ where: { id: duty.id }, include: { accountabilityCases: true } })
    expect(after).toMatchObject({ title: '户口迁移审批责任（含跨省通办）', basis: '《中华人民共和国户口登记条例》', revision: duty.revision + 1, status: 'IN_FORCE' })
    expect(after.accountabilityCases.toSorted((a, b) => a.sortOrder - b.sortOrder).map((c) => c.content)).toEqual(['对符合条件的户口迁移申请不予受理或者拖延办理的；', '违规办理户口迁移造成严重后果的；'])
    const history = await db().recordVersion.findMany({ where: { entityType: 'DUTY', entityId: duty.id }, orderBy: { revision: 'asc' } })
    expect(history.map((h) => [h.revision, h.action, h.documentNo, h.validTo === null])).toEqual([[1, 'ADD', null, false], [2, 'UPDATE', '广安审改〔2026〕21号', true]])
    expect(history[1]!.data).toEqual(dutySnapshot(after))
    expect(history[0]!.validTo).toEqual(history[1]!.validFrom)
    const announcement = await db().announcement.findUniqueOrThrow({ where: { listVersionId: version.id } })
    expect(announcement.body).toContain('修改责任事项：区公安分局“户口迁移审批责任（含跨省通办）”')
    expect((await db().changeRequest.findUniqueOrThrow({ where: { id: created.id } })).status).toBe('PUBLISHED')
    // Reviewed again once published, the change still shows what it changed, not today's duty beside itself.
    const decided = (await getChangeRequest(db(), created.id))!
    expect(decided.diff.map((d) => d.field)).toEqual(view.diff.map((d) => d.field))
    expect(decided.published).toMatchObject({ title: duty.title })
    expect(decided.proposed).toMatchObject({ title: '户口迁移审批责任（含跨省通办）' })
    await drainAll(db(), env.meili, env.config.meiliIndex)
    expect((await search('跨省通办', 'responsibility')).map(hitName)).toContain('户口迁移审批责任（含跨省通办）')
  })

  it('goes back to the editor with a comment, and comes back changed', async () => {
    const duty = await db().duty.findFirstOrThrow({ where: { departmentId: police.id, kind: 'DEPARTMENT_DUTY' } })
    const created = await createDraft(db(), policeEditor, police.id, draft({ entityType: 'DUTY', action: 'UPDATE', entityId: duty.id, payload: dutyFields({ title: duty.title, content: '太短了吧' }) }))
    await submitDraft(db(), policeEditor, created.id, '完善职责表述')
    await decide(db(), office, created.id, { outcome: 'RETURNED', comment: '职责内容过于简略，请依据三定方案完整表述' })
    const row = (await listChangeRequests(db(), changeRequestQuerySchema.parse({ status: 'RETURNED', entityType: 'DUTY' }), police.id)).items.find((r) => r.id === created.id)
    expect(row).toMatchObject({ entityType: 'DUTY', itemName: duty.title, lastDecision: { outcome: 'RETURNED', comment: '职责内容过于简略，请依据三定方案完整表述' } })
    await updateDraft(db(), policeEditor, created.id, draft({ entityType: 'DUTY', action: 'UPDATE', entityId: duty.id, payload: dutyFields({ title: duty.title }) }))
    expect((await submitDraft(db(), policeEditor, created.id, '已按意见修改')).status).toBe('SUBMITTED')
    expect((await db().duty.findUniqueOrThrow({ where: { id: duty.id } })).content).toBe(duty.content)
  })

  it('adds a duty and cancels another, which stays listed and searchable as cancelled', async () => {
    const added = await publish(policeEditor, police.id, draft({ entityType: 'DUTY', action: 'ADD', payload: { ...dutyFields({ kind: 'SUPERVISION', title: '电动自行车登记事中事后监管' }), code: 'DUTY-ADD-0001' } }), '广安审改〔2026〕22号')
    const created = await db().duty.findUniqueOrThrow({ where: { code: 'DUTY-ADD-0001' }, include: { accountabilityCases: true } })
    expect(created).toMatchObject({ departmentId: police.id, kind: 'SUPERVISION', revision: 1, status: 'IN_FORCE' })
    expect((await db().recordVersion.findFirstOrThrow({ where: { entityType: 'DUTY', entityId: created.id } })).data).toEqual(dutySnapshot(created))
    expect((await db().announcement.findUniqueOrThrow({ where: { listVersionId: added.versionId } })).body).toContain('新增责任事项：区公安分局“电动自行车登记事中事后监管”（DUTY-ADD-0001）')

    const target = await db().duty.findFirstOrThrow({ where: { departmentId: police.id, kind: 'SUPERVISION', code: { not: 'DUTY-ADD-0001' } } })
    await publish(policeEditor, police.id, draft({ entityType: 'DUTY', action: 'CANCEL', entityId: target.id }), '广安审改〔2026〕23号')
    expect(await db().duty.findUniqueOrThrow({ where: { id: target.id } })).toMatchObject({ status: 'CANCELLED', revision: target.revision + 1 })
    const listed = await listDuties(db(), dutyListQuerySchema.parse({ dept: String(police.id), kind: 'SUPERVISION', pageSize: 100 }))
    expect(listed.items.find((d) => d.code === target.code)?.status).toBe('CANCELLED')
    const hit = (await search(target.title, 'responsibility')).find((h) => h.code === target.code)
    expect(hit?.status).toBe('CANCELLED')
    expect(await refused(createDraft(db(), policeEditor, police.id, draft({ entityType: 'DUTY', action: 'UPDATE', entityId: target.id, payload: dutyFields() })))).toEqual({ status: 409, code: 'ITEM_CANCELLED' })
  })

  it("refuses another department's duty, a foreign power item, a taken code and a second open change", async () => {
    const duty = await db().duty.findFirstOrThrow({ where: { departmentId: police.id, status: 'IN_FORCE', kind: 'POWER_DUTY' } })
    const civilItem = await db().powerItem.findFirstOrThrow({ where: { departmentId: civil.id, status: 'IN_FORCE' } })
    const before = await db().changeRequest.count()
    expect(await refused(createDraft(db(), civilEditor, civil.id, draft({ entityType: 'DUTY', action: 'CANCEL', entityId: duty.id })))).toEqual({ status: 400, code: 'WRONG_DEPARTMENT' })
    expect(await refused(createDraft(db(), policeEditor, police.id, draft({ entityType: 'DUTY', action: 'ADD', payload: { ...dutyFields({ kind: 'POWER_DUTY', powerItemId: civilItem.id }), code: 'DUTY-ADD-0002' } })))).toEqual({ status: 400, code: 'POWER_ITEM_INVALID' })
    expect(await refused(createDraft(db(), policeEditor, police.id, draft({ entityType: 'DUTY', action: 'ADD', payload: { ...dutyFields(), code: duty.code } })))).toEqual({ status: 409, code: 'ITEM_CODE_TAKEN' })
    expect(await db().changeRequest.count()).toBe(before)
    await createDraft(db(), policeEditor, police.id, draft({ entityType: 'DUTY', action: 'ADD', payload: { ...dutyFields(), code: 'DUTY-ADD-0003' } }))
    expect(await refused(createDraft(db(), policeEditor, police.id, draft({ entityType: 'DUTY', action: 'ADD', payload: { ...dutyFields(), code: 'DUTY-ADD-0003' } })))).toEqual({ status: 409, code: 'ITEM_CODE_TAKEN' })
    await createDraft(db(), policeEditor, police.id, draft({ entityType: 'DUTY', action: 'UPDATE', entityId: duty.id, payload: dutyFields() }))
    expect(await refused(createDraft(db(), policeEditor, police.id, draft({ entityType: 'DUTY', action: 'CANCEL', entityId: duty.id })))).toEqual({ status: 409, code: 'OPEN_CHANGE_EXISTS' })
  })
})

describe('a special fund from draft to publication', () => {
  it('publishes a changed amount and period with history, search and announcement', async () => {
    const fund = await db().specialFund.findFirstOrThrow({ where: { departmentId: civil.id, status: 'IN_FORCE' } })
    const name = `${fund.year}年城乡低保提标专项资金`
    const { versionId } = await publish(civilEditor, civil.id, draft({ entityType: 'SPECIAL_FUND', action: 'UPDATE', entityId: fund.id, payload: fundFields({ name, year: fund.year, amount: '3456.7', periodStart: fund.year, periodEnd: fund.year + 2 }) }), '广安审改〔2026〕31号')
    const view = (await getFund(db(), fund.code))!
    expect(view).toMatchObject({ name, amount: '3456.70', periodStart: fund.year, periodEnd: fund.year + 2, status: 'IN_FORCE' })
    const after = await db().specialFund.findUniqueOrThrow({ where: { id: fund.id }, include: { allocations: true } })
    expect(after.revision).toBe(fund.revision + 1)
    const history = await db().recordVersion.findMany({ where: { entityType: 'SPECIAL_FUND', entityId: fund.id }, orderBy: { revision: 'asc' } })
    expect(history.map((h) => [h.revision, h.action, h.documentNo, h.listVersionId])).toEqual([[1, 'ADD', null, expect.any(Number)], [2, 'UPDATE', '广安审改〔2026〕31号', versionId]])
    expect(history[1]!.data).toEqual(fundSnapshot(after))
    expect((await db().announcement.findUniqueOrThrow({ where: { listVersionId: versionId } })).body).toContain(`修改专项资金：区民政局“${name}”（${fund.code}）`)
    expect((await search('低保提标', 'fund')).map(hitName)).toContain(name)
  })

  it('adds a fund and cancels one, which stays public as cancelled', async () => {
    await publish(civilEditor, civil.id, draft({ entityType: 'SPECIAL_FUND', action: 'ADD', payload: { ...fundFields({ name: '2026年养老服务体系建设补助资金' }), code: 'FUND-ADD-0001' } }), '广安审改〔2026〕32号')
    expect(await getFund(db(), 'FUND-ADD-0001')).toMatchObject({ name: '2026年养老服务体系建设补助资金', amount: '1250.50', department: { name: '区民政局' } })
    const target = await db().specialFund.findFirstOrThrow({ where: { departmentId: civil.id, status: 'IN_FORCE', code: { not: 'FUND-ADD-0001' } } })
    await publish(civilEditor, civil.id, draft({ entityType: 'SPECIAL_FUND', action: 'CANCEL', entityId: target.id }), '广安审改〔2026〕33号')
    expect((await getFund(db(), target.code))?.status).toBe('CANCELLED')
    expect((await search(target.name, 'fund')).find((h) => h.code === target.code)?.status).toBe('CANCELLED')
  })

  it('refuses a draft on an older revision at approval, and a fund of another department', async () => {
    const fund = await db().specialFund.findFirstOrThrow({ where: { departmentId: civil.id, status: 'IN_FORCE' } })
    const created = await createDraft(db(), civilEditor, civil.id, draft({ entityType: 'SPECIAL_FUND', action: 'UPDATE', entityId: fund.id, payload: fundFields({ year: fund.year, periodStart: fund.year, periodEnd: fund.year }) }))
    await submitDraft(db(), civilEditor, created.id, '调整资金规模')
    await db().specialFund.update({ where: { id: fund.id }, data: { revision: { increment: 1 } } })
    expect(await refused(decide(db(), office, created.id, { outcome: 'APPROVED', documentNo: '广安审改〔2026〕34号', effectiveDate: today(), comment: null }))).toEqual({ status: 409, code: 'STALE_DRAFT' })
    const other = await db().specialFund.findFirstOrThrow({ where: { departmentId: { not: civil.id }, status: 'IN_FORCE' } })
    expect(await refused(createDraft(db(), civilEditor, civil.id, draft({ entityType: 'SPECIAL_FUND', action: 'CANCEL', entityId: other.id })))).toEqual({ status: 400, code: 'WRONG_DEPARTMENT' })
  })
})

describe('validation', () => {
  it('names each faulty field of a duty or fund in Chinese, under payload', () => {
    const fund = draftInputSchema.safeParse({ entityType: 'SPECIAL_FUND', action: 'ADD', payload: { ...fundFields({ amount: '12.345', periodStart: 2027, periodEnd: 2026, allocationMethod: 'LOTTERY' }), code: 'F 1' } })
    expect(fund.success).toBe(false)
    const fundIssues = Object.fromEntries(fund.error!.issues.map((i) => [i.path.join('.'), i.message]))
    expect(fundIssues).toMatchObject({ 'payload.amount': '资金规模应为数字（万元），最多两位小数', 'payload.allocationMethod': '请选择分配方式', 'payload.code': '编码只能包含字母、数字和连字符' })
    const period = draftInputSchema.safeParse({ entityType: 'SPECIAL_FUND', action: 'UPDATE', entityId: 1, payload: fundFields({ periodStart: 2027, periodEnd: 2026 }) })
    expect(period.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['payload.periodEnd', '实施期限的结束年度不能早于开始年度']])
    const duty = draftInputSchema.safeParse({ entityType: 'DUTY', action: 'UPDATE', entityId: 1, payload: dutyFields({ kind: 'OTHER', title: '', cases: [{ content: '短' }] }) })
    expect(duty.error!.issues.map((i) => i.path.join('.'))).toEqual(['payload.kind', 'payload.title', 'payload.cases.0.content'])
    expect(draftInputSchema.safeParse({ entityType: 'DUTY', action: 'DELEGATE', entityId: 1, payload: { toLevel: 'TOWNSHIP' } }).success).toBe(false)
  })

  it('still reads a power-item draft without entityType', () => {
    expect(draftInputSchema.parse({ action: 'RETAIN', entityId: 5 })).toEqual({ entityType: 'POWER_ITEM', action: 'RETAIN', entityId: 5, payload: {} })
  })

  it('leaves an unbroken audit chain', async () => {
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true })
  })
})
