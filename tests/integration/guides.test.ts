// Service guides (办事指南), service halls and life events (一件事) on the real data, against the real
// PostgreSQL and Meilisearch: the demo guide every item gets at first start, one guide taken by a
// department through the whole workflow (draft → review with a diff of its materials → version →
// public item, search, open data, history at a past date), the completeness an editor filters by,
// halls changed once for every guide, and life events curated, matched and versioned.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { importItems } from '../../prisma/seed/import-items'
import { verifyAuditChain, type AuditActor } from '../../server/services/audit'
import { createDraft, decide, submitDraft } from '../../server/services/workflow/change-requests'
import { createListVersion, publishListVersion } from '../../server/services/workflow/list-versions'
import { getChangeRequest } from '../../server/services/workflow/queries'
import { drainAll } from '../../server/services/search/outbox'
import { commonGuideText, powerItemDocuments } from '../../server/services/search/documents'
import { openDatabase } from '../../server/utils/prisma'
import { searchItems } from '../../server/services/search/query'
import { getPublishedPowerItem } from '../../server/services/lists/power-items'
import { getGuideWorkspaceItem, listGuideWorkspace } from '../../server/services/guides/workspace'
import { guideSnapshotsAt } from '../../server/services/guides/records'
import { updateServiceHall } from '../../server/services/guides/halls'
import { createLifeEvent, listLifeEventRecords, updateLifeEvent } from '../../server/services/life-events/records'
import { getLifeEvent, listLifeEvents } from '../../server/services/life-events/public'
import { dictionaryDownload, listDownload, versionListDownload } from '../../server/services/open-data/downloads'
import { listAsOf } from '../../server/services/point-in-time'
import { timelineWithChanges } from '../../server/services/history'
import type { GuideFields } from '../../shared/guides'
import { workspaceQuerySchemas } from '../../shared/workspace'
import { exportFilterSchemas, type OpenDataJson, type PowerItemRecord } from '../../shared/open-data'
import { historyListQuerySchemas } from '../../shared/history'
import { searchQuerySchema } from '../../shared/search'
import { cityToday } from '../../shared/city-time'
import { readDataFiles } from '../../scripts/lib/runtime'
import { createEditorAndOffice, createSeededTestEnv, draft, refused, type TestEnv } from '../helpers/services'

let env: TestEnv
let policeEditor: AuditActor & { id: number }
let office: AuditActor & { id: number }
let police: { id: number }
let civil: { id: number }

const db = () => env.db.prisma
const search = async (q: string) => (await searchItems(env.meili, db(), env.config.meiliIndex, searchQuerySchema.parse({ q }))).hits
const hitName = (hit: { name: { text: string }[] }) => hit.name.map((p) => p.text).join('')

beforeAll(async () => {
  env = await createSeededTestEnv()
  police = await db().department.findUniqueOrThrow({ where: { name: '区公安分局' } })
  civil = await db().department.findUniqueOrThrow({ where: { name: '区民政局' } })
  ;({ editor: policeEditor, office } = await createEditorAndOffice(db(), police.id))
}, 300_000)
afterAll(async () => { await env?.close() })

describe('the demo guides of the real items', () => {
  it('gives every item a guide marked as demo, shaped by what the item is', async () => {
    expect(await db().serviceGuide.count()).toBe(1135)
    expect(await db().serviceGuide.count({ where: { isDemo: false } })).toBe(0)
    const materials = async (name: string) => (await db().powerItem.findFirstOrThrow({ where: { name }, include: { guide: { include: { materials: true } } } })).guide!.materials.map((m) => m.name)
    expect(await materials('普通护照签发')).toEqual(expect.arrayContaining(['居民身份证', '居民户口簿']))
    const food = await materials('食品(含保健食品)经营许可核发')
    expect(food.some((m) => m.includes('平面'))).toBe(true)
    expect(food.some((m) => m.includes('健康证明'))).toBe(true)
    // 行政许可 and 公共服务 differ: a licence states a legal time limit, a simple service does not.
    const licence = await db().powerItem.findFirstOrThrow({ where: { name: '犬类准养证核发' }, include: { guide: true } })
    expect(licence.guide!.legalTimeLimitDays).toBeGreaterThan(0)
    expect(await db().serviceGuide.count({ where: { powerItem: { type: 'PUBLIC_SERVICE' }, legalTimeLimitDays: null } })).toBeGreaterThan(0)
    // No demo guide lists a vague material: the demo is what a complete guide looks like.
    expect(await db().guideMaterial.count({ where: { name: { in: ['其他材料', '其它材料', '相关材料'] } } })).toBe(0)
  })

  it('gives every department demo service halls, and every guide a place among them', async () => {
    const departments = await db().department.findMany({ include: { serviceHalls: true } })
    expect(departments.every((d) => d.serviceHalls.length > 0 && d.serviceHalls.every((h) => h.isDemo))).toBe(true)
    expect(await db().serviceGuide.count({ where: { locations: { none: {} } } })).toBe(0)
    const passport = await getPublishedPowerItem(db(), (await db().powerItem.findFirstOrThrow({ where: { name: '普通护照签发' } })).code)
    expect(passport!.guide!.locations[0]!.name).toContain('出入境')
  })

  it('builds the demo life events from the real items, and a second import changes nothing', async () => {
    const slugs = (await listLifeEventRecords(db())).map((e) => e.fields.slug)
    expect(slugs).toEqual(expect.arrayContaining(['xinshenger-chusheng', 'kaiban-canyindian', 'kaiban-qiye', 'tuixiu', 'jiehun', 'nongcun-zijianfang', 'shiye', 'canjiren-banzheng', 'yangquan']))
    const restaurant = await getLifeEvent(db(), 'kaiban-canyindian')
    expect(restaurant!.steps.flatMap((s) => s.items.map((i) => i.name))).toEqual(expect.arrayContaining(['食品(含保健食品)经营许可核发', '公众聚集场所投入使用、营业前消防安全检查', '规范户外招牌设施设置', '食品行业从业人员预防性体检合格证办理']))
    expect(new Set(restaurant!.steps.flatMap((s) => s.items.map((i) => i.department.name))).size).toBeGreaterThan(3)
    const before = await Promise.all([db().serviceGuide.count(), db().serviceHall.count(), db().lifeEvent.count(), db().recordVersion.count()])
    const report = await importItems(db(), await readDataFiles())
    expect(report.guides).toMatchObject({ halls: { created: 0 }, guides: { created: 0, existing: 1135 }, lifeEvents: { created: 0 } })
    expect(await Promise.all([db().serviceGuide.count(), db().serviceHall.count(), db().lifeEvent.count(), db().recordVersion.count()])).toEqual(before)
  })
})

describe('a guide through the workflow', () => {
  it('is drafted, reviewed with its materials old → new, published in a version and shown everywhere, with its history at a past date', async () => {
    const passport = await db().powerItem.findFirstOrThrow({ where: { name: '普通护照签发' } })
    const target = (await getGuideWorkspaceItem(db(), passport.id))!
    expect(target.isDemo).toBe(true)
    const otherHall = await db().serviceHall.findFirstOrThrow({ where: { departmentId: civil.id } })
    const fields: GuideFields = {
      ...target.guide!,
      materials: [
        ...target.guide!.materials.filter((m) => m.name !== '居民户口簿'),
        { name: '出境事由证明材料', required: false, requiredWhen: '前往需要签证的国家探亲、商务的', originalCount: 1, copyCount: 0, form: 'PAPER', source: 'SELF', issuedBy: null, sampleUrl: null, note: null },
      ],
      promisedTimeLimitDays: 5,
    }

    // A hall of another department is refused by the workflow, and nothing is written.
    const before = await db().changeRequest.count()
    expect(await refused(createDraft(db(), policeEditor, police.id, draft({ entityType: 'SERVICE_GUIDE', action: 'UPDATE', entityId: passport.id, payload: { ...fields, hallIds: [otherHall.id] } })))).toEqual({ status: 400, code: 'HALL_INVALID' })
    expect(await db().changeRequest.count()).toBe(before)

    const created = await createDraft(db(), policeEditor, police.id, draft({ entityType: 'SERVICE_GUIDE', action: 'UPDATE', entityId: passport.id, payload: fields }))
    // The draft changes nothing public.
    expect((await getPublishedPowerItem(db(), passport.code))!.guide!.materials.map((m) => m.name)).toContain('居民户口簿')
    await submitDraft(db(), policeEditor, created.id, '按出入境管理新规定调整材料')

    const review = (await getChangeRequest(db(), created.id))!
    const materials = review.diff.find((c) => c.field === 'materials')!
    expect((materials.before as { name: string }[]).map((m) => m.name)).toContain('居民户口簿')
    expect((materials.after as { name: string }[]).map((m) => m.name)).toContain('出境事由证明材料')
    expect(review.diff.find((c) => c.field === 'promisedTimeLimitDays')).toMatchObject({ before: 7, after: 5 })
    expect(review.diff.find((c) => c.field === 'locations')).toBeUndefined()

    const publishedAt = new Date()
    await decide(db(), office, created.id, { outcome: 'APPROVED', documentNo: '广安审改〔2026〕31号', effectiveDate: cityToday(publishedAt), comment: null })
    const version = await createListVersion(db(), office, { title: '2026年办事指南调整', documentNo: '广安审改〔2026〕31号', effectiveDate: cityToday(publishedAt), changeRequestIds: [created.id] })
    await publishListVersion(db(), office, version.id, publishedAt)
    await drainAll(db(), env.meili, env.config.meiliIndex)

    // The public item: the new guide, no longer demo, with a history entry of its own.
    const item = (await getPublishedPowerItem(db(), passport.code))!
    expect(item.guide!.materials.map((m) => m.name)).toContain('出境事由证明材料')
    expect(item.guide!.materials.map((m) => m.name)).not.toContain('居民户口簿')
    expect(item.guide).toMatchObject({ isDemo: false, revision: 2, promisedTimeLimitDays: 5 })
    expect(item.guide!.history.at(-1)).toMatchObject({ action: 'UPDATE', documentNo: '广安审改〔2026〕31号' })
    expect(item.guide!.history.at(-1)!.changedFields).toEqual(expect.arrayContaining(['materials', 'promisedTimeLimitDays']))

    // The announcement names the guide change.
    const announcement = await db().announcement.findUniqueOrThrow({ where: { listVersionId: version.id } })
    expect(announcement.body).toContain('修改办事指南：区公安分局“普通护照签发”')

    // Search finds the item by its new material, and its hit says how many trips and how far online.
    expect((await search('出境事由证明材料')).map(hitName)).toContain('普通护照签发')
    const hit = (await search('办护照要什么材料')).find((h) => hitName(h) === '普通护照签发')!
    expect(hit.service).toEqual({ visits: 1, online: 'PRE_CHECK' })
    // What a citizen asks about what to bring lands on the item.
    expect(hitName((await search('残疾人证要带什么'))[0]!)).toContain('残疾人证')
    // A material every other guide asks for does not make every item a hit for it.
    expect((await search('补办身份证')).slice(0, 3).map(hitName)).not.toContain('残疾人证挂失补办')

    // Open data: the current list has the new guide nested; the first version's list the demo one.
    const current = JSON.parse(String((await listDownload(db(), { list: 'power', filters: exportFilterSchemas.power.parse({ dept: police.id }) }, 'json')).body)) as OpenDataJson<PowerItemRecord>
    expect(current.items.find((r) => r.code === passport.code)!.guide!.materials.map((m) => m.name)).toContain('出境事由证明材料')
    expect(current.dictionary.some((d) => d.sheet === '申请材料' && d.column === '材料名称' && d.field === 'guide.materials[].name')).toBe(true)
    const first = await db().listVersion.findFirstOrThrow({ where: { batch: 1 }, orderBy: { id: 'asc' } })
    const old = JSON.parse(String((await versionListDownload(db(), { list: 'power', filters: exportFilterSchemas.power.parse({ dept: police.id }) }, 'json', first.id))!.body)) as OpenDataJson<PowerItemRecord>
    expect(old.items.find((r) => r.code === passport.code)!.guide!.materials.map((m) => m.name)).toContain('居民户口簿')

    // History at a past date: the guide as it stood before the publication.
    const past = new Date(publishedAt.getTime() - 1)
    expect((await guideSnapshotsAt(db(), past)).get(passport.code)!.materials.map((m) => m.name)).toContain('居民户口簿')
    const asOf = await listAsOf(db(), { list: 'power', query: historyListQuerySchemas.power.parse({ date: cityToday(past), dept: police.id }) }, past)
    expect((asOf.records.find((r) => r.record.code === passport.code)!.record as PowerItemRecord).guide!.promisedTimeLimitDays).toBe(7)
    const timeline = await timelineWithChanges(db(), 'SERVICE_GUIDE', passport.id)
    expect(timeline.map((v) => v.revision)).toEqual([1, 2])
    expect(timeline[1]!.changes.map((c) => c.field)).toEqual(expect.arrayContaining(['materials', 'isDemo', 'promisedTimeLimitDays']))
    expect((await verifyAuditChain(db())).ok).toBe(true)
  })

  it('refuses a guide draft of another department and a second open change', async () => {
    const civilItem = await db().powerItem.findFirstOrThrow({ where: { departmentId: civil.id } })
    const guide = (await getGuideWorkspaceItem(db(), civilItem.id))!.guide!
    expect(await refused(createDraft(db(), policeEditor, police.id, draft({ entityType: 'SERVICE_GUIDE', action: 'UPDATE', entityId: civilItem.id, payload: guide })))).toEqual({ status: 400, code: 'WRONG_DEPARTMENT' })
    const own = await db().powerItem.findFirstOrThrow({ where: { name: '犬类准养证核发' } })
    const ownGuide = (await getGuideWorkspaceItem(db(), own.id))!.guide!
    await createDraft(db(), policeEditor, police.id, draft({ entityType: 'SERVICE_GUIDE', action: 'UPDATE', entityId: own.id, payload: ownGuide }))
    expect(await refused(createDraft(db(), policeEditor, police.id, draft({ entityType: 'SERVICE_GUIDE', action: 'UPDATE', entityId: own.id, payload: ownGuide })))).toEqual({ status: 409, code: 'OPEN_CHANGE_EXISTS' })
  })
})

describe('the guide text of search documents', () => {
  it('leaves out a material once many guides ask for it, in every process, and keeps the reading until a guide changes', async () => {
    const material = '测试用共同证明材料'
    const guides = await db().serviceGuide.findMany({ select: { powerItemId: true }, orderBy: { powerItemId: 'asc' }, take: 12 })
    const [first, ...others] = guides.map((g) => g.powerItemId)
    const guideText = async () => (await powerItemDocuments(db(), [first!]))[0]!.guideText
    await db().guideMaterial.create({ data: { guideId: first!, name: material, sortOrder: 99 } })
    // Asked by one guide only, it tells which item a citizen means.
    expect(await guideText()).toContain(material)
    // Read once per change of the guides, not for every change applied to the index.
    expect(await commonGuideText(db())).toBe(await commonGuideText(db()))

    // Another process (its own connection) has read it too before the guides change.
    const other = await openDatabase(env.config)
    try {
      expect((await powerItemDocuments(other.prisma, [first!]))[0]!.guideText).toContain(material)
      // 0.5% of the 1,135 guides is 5.7: asked by 12, the material is common, and both processes see it at once.
      await db().guideMaterial.createMany({ data: others.map((guideId) => ({ guideId, name: material, sortOrder: 99 })) })
      expect(await guideText()).not.toContain(material)
      expect((await powerItemDocuments(other.prisma, [first!]))[0]!.guideText).not.toContain(material)
    } finally {
      await db().guideMaterial.deleteMany({ where: { name: material } })
      await other.close()
    }
  })
})

describe('completeness', () => {
  it('shows an editor what each guide lacks and filters by it', async () => {
    const item = await db().powerItem.findFirstOrThrow({ where: { name: '居住证办理' } })
    const guide = (await getGuideWorkspaceItem(db(), item.id))!.guide!
    const gaps = { ...guide, legalTimeLimitDays: null, promisedTimeLimitDays: null, feeFree: null, materials: [...guide.materials, { ...guide.materials[0]!, name: '其他材料' }] }
    const created = await createDraft(db(), policeEditor, police.id, draft({ entityType: 'SERVICE_GUIDE', action: 'UPDATE', entityId: item.id, payload: gaps }))
    await submitDraft(db(), policeEditor, created.id, '补充居住证办理材料')
    await decide(db(), office, created.id, { outcome: 'APPROVED', documentNo: '广安审改〔2026〕32号', effectiveDate: cityToday(), comment: null })
    const version = await createListVersion(db(), office, { title: '2026年办事指南调整二', documentNo: '广安审改〔2026〕32号', effectiveDate: cityToday(), changeRequestIds: [created.id] })
    await publishListVersion(db(), office, version.id)

    const page = await listGuideWorkspace(db(), workspaceQuerySchemas.guide.parse({ q: '居住证' }), police.id)
    expect(page.items.find((i) => i.id === item.id)!.gaps).toEqual(['NO_TIME_LIMIT', 'NO_FEE', 'VAGUE_MATERIAL'])
    for (const gap of ['NO_TIME_LIMIT', 'NO_FEE', 'VAGUE_MATERIAL'] as const) {
      const filtered = await listGuideWorkspace(db(), workspaceQuerySchemas.guide.parse({ gap }), police.id)
      expect(filtered.items.map((i) => i.id), gap).toEqual([item.id])
      expect(filtered.gapCounts[gap]).toBe(1)
    }
    // Another department's editor sees none of it.
    expect((await listGuideWorkspace(db(), workspaceQuerySchemas.guide.parse({ gap: 'NO_FEE' }), civil.id)).total).toBe(0)
  })
})

describe('service halls', () => {
  it('changes a phone number once for every guide that names the hall, no longer as demo', async () => {
    const hall = await db().serviceHall.findFirstOrThrow({ where: { departmentId: civil.id, name: { contains: '婚姻登记处' } } })
    await updateServiceHall(db(), { ...policeEditor, departmentId: civil.id }, hall.id, { name: hall.name, address: '广安区婚姻登记处（新址）', window: hall.window, hours: hall.hours, phone: '0826-0012345', mapUrl: hall.mapUrl, sortOrder: hall.sortOrder })
    const marriage = (await getPublishedPowerItem(db(), (await db().powerItem.findFirstOrThrow({ where: { name: '中国内地公民婚姻登记' } })).code))!
    expect(marriage.guide!.locations[0]).toMatchObject({ phone: '0826-0012345', address: '广安区婚姻登记处（新址）', isDemo: false })
    const appointment = (await getPublishedPowerItem(db(), (await db().powerItem.findFirstOrThrow({ where: { name: '补领结婚证' } })).code))!
    expect(appointment.guide!.locations[0]!.phone).toBe('0826-0012345')
    expect(await db().auditEntry.count({ where: { action: 'hall.update', entityType: 'SERVICE_HALL', entityId: String(hall.id) } })).toBe(1)
  })
})

describe('life events', () => {
  it('are found by what citizens type', async () => {
    const matched = async (q: string) => (await listLifeEvents(db(), { q })).items.map((e) => e.slug)
    for (const q of ['开饭店', '开餐馆', '开火锅店', '我想开个小吃店']) expect((await matched(q))[0], q).toBe('kaiban-canyindian')
    for (const q of ['生孩子', '新生儿', '新生儿上户口']) expect((await matched(q))[0], q).toBe('xinshenger-chusheng')
    expect(await matched('户口')).toEqual([])
    expect(await matched('护照')).toEqual([])
  })

  it('are curated by the reform office: versioned, audited, refused when stale, withdrawn not deleted', async () => {
    const record = (await listLifeEventRecords(db())).find((e) => e.fields.slug === 'yangquan')!
    const changed = { ...record.fields, keywords: [...record.fields.keywords, '养宠物狗'], summary: '先给狗打狂犬疫苗，再办犬类准养证，每年按时年检。' }
    const updated = await updateLifeEvent(db(), office, record.id, { baseRevision: record.revision, status: 'IN_FORCE', event: changed })
    expect(updated).toMatchObject({ revision: record.revision + 1, isDemo: false })
    // A second change made on the old revision is refused and writes nothing.
    expect(await refused(updateLifeEvent(db(), office, record.id, { baseRevision: record.revision, status: 'IN_FORCE', event: record.fields }))).toEqual({ status: 409, code: 'STALE_REVISION' })
    expect((await listLifeEvents(db(), { q: '养宠物狗' })).items.map((e) => e.slug)).toEqual(['yangquan'])

    await updateLifeEvent(db(), office, record.id, { baseRevision: updated.revision, status: 'CANCELLED', event: changed })
    expect(await getLifeEvent(db(), 'yangquan')).toBeNull()
    expect((await listLifeEvents(db(), {})).items.map((e) => e.slug)).not.toContain('yangquan')
    expect(await db().lifeEvent.count({ where: { slug: 'yangquan' } })).toBe(1)
    const versions = await timelineWithChanges(db(), 'LIFE_EVENT', record.id)
    expect(versions.map((v) => v.action)).toEqual(['ADD', 'UPDATE', 'CANCEL'])
    expect(versions[1]!.changes.map((c) => c.field)).toEqual(expect.arrayContaining(['keywords', 'summary', 'isDemo']))
    expect(await db().auditEntry.count({ where: { action: 'life_event.update', entityId: String(record.id) } })).toBe(2)
  })

  it('refuses an event naming an unknown item or a taken slug', async () => {
    const event = { slug: 'banli-jiazhao', title: '考驾照', audience: 'PERSON' as const, summary: '报名、体检、考试、领证。', keywords: ['考驾照'], steps: [{ title: '报名', note: null, itemCodes: ['NO-SUCH-ITEM'] }], sortOrder: 20 }
    expect(await refused(createLifeEvent(db(), office, event))).toEqual({ status: 400, code: 'ITEM_INVALID' })
    expect(await refused(createLifeEvent(db(), office, { ...event, slug: 'jiehun' }))).toEqual({ status: 409, code: 'SLUG_TAKEN' })
    expect(await db().lifeEvent.count({ where: { slug: 'banli-jiazhao' } })).toBe(0)
  })
})

describe('the data dictionary', () => {
  it('describes every column of every open-data table', () => {
    const csv = String(dictionaryDownload().body)
    for (const column of ['事项编码', '到现场次数', '网上办理深度', '材料名称', '追责情形', '资金规模（万元）', '变更类型']) expect(csv).toContain(column)
  })
})
