// The review workflow on the real data: drafts never touch the published lists; approved
// decisions take effect with their list version, its announcement, the item history, the
// search index and the audit log — or not at all.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { verifyAuditChain, type AuditActor } from '../../server/services/audit'
import { createDraft, decide, decideBatch, submitDraft, updateDraft, withdrawDraft, canMove } from '../../server/services/workflow/change-requests'
import { applyDueVersions, createListVersion, publishListVersion } from '../../server/services/workflow/list-versions'
import { drainAll } from '../../server/services/search/outbox'
import { searchItems } from '../../server/services/search/query'
import type { DraftInput } from '../../shared/drafts'
import { searchQuerySchema } from '../../shared/search'
import { createEditorAndOffice, createSeededTestEnv, draft, powerItemFields, refused, today, type TestEnv } from '../helpers/services'

let env: TestEnv
let editor: AuditActor & { id: number }
let office: AuditActor & { id: number }
let police: { id: number }
let passport: { id: number; name: string; revision: number }

const db = () => env.db.prisma
const names = async (q: string) => (await searchItems(env.meili, db(), env.config.meiliIndex, searchQuerySchema.parse({ q }))).hits.map((h) => h.name.map((p) => p.text).join(''))

const fields = (overrides: Record<string, unknown> = {}) => powerItemFields('普通护照签发', overrides)

beforeAll(async () => {
  env = await createSeededTestEnv()
  police = await db().department.findUniqueOrThrow({ where: { name: '区公安分局' } })
  passport = await db().powerItem.findFirstOrThrow({ where: { name: '普通护照签发' } })
  ;({ editor, office } = await createEditorAndOffice(db(), police.id))
})
afterAll(async () => { await env.close() })

describe('the state machine', () => {
  it('allows only the documented moves', () => {
    expect(canMove('submit', 'DRAFT')).toBe(true)
    expect(canMove('submit', 'RETURNED')).toBe(true)
    expect(canMove('submit', 'SUBMITTED')).toBe(false)
    expect(canMove('decide', 'SUBMITTED')).toBe(true)
    expect(canMove('decide', 'DRAFT')).toBe(false)
    expect(canMove('edit', 'APPROVED')).toBe(false)
    expect(canMove('publish', 'APPROVED')).toBe(true)
    expect(canMove('withdraw', 'PUBLISHED')).toBe(false)
  })
})

describe('an edit from draft to publication', () => {
  let requestId: number

  it('keeps a draft out of the published item and of search', async () => {
    const created = await createDraft(db(), editor, police.id, draft({ action: 'UPDATE', entityId: passport.id, payload: fields({ name: '普通护照签发（含换发补发）', aliases: ['办护照'], timeLimit: '7个工作日' }) }))
    requestId = created.id
    expect(created.status).toBe('DRAFT')
    expect((await db().powerItem.findUniqueOrThrow({ where: { id: passport.id } })).name).toBe('普通护照签发')
    await drainAll(db(), env.meili, env.config.meiliIndex)
    expect(await names('含换发补发')).not.toContain('普通护照签发（含换发补发）')
  })

  it('refuses a second open change of the same item and moves that skip a step', async () => {
    expect(await refused(createDraft(db(), editor, police.id, draft({ action: 'CANCEL', entityId: passport.id })))).toEqual({ status: 409, code: 'OPEN_CHANGE_EXISTS' })
    expect(await refused(decide(db(), office, requestId, { outcome: 'APPROVED', documentNo: '广安审改〔2026〕1号', effectiveDate: today(), comment: null }))).toEqual({ status: 409, code: 'INVALID_TRANSITION' })
  })

  it('goes back to the editor with a comment, and comes back changed', async () => {
    await submitDraft(db(), editor, requestId, '护照签发时限压缩')
    expect(await refused(updateDraft(db(), editor, requestId, draft({ action: 'UPDATE', entityId: passport.id, payload: fields() })))).toEqual({ status: 409, code: 'INVALID_TRANSITION' })
    await decide(db(), office, requestId, { outcome: 'RETURNED', comment: '请补充设定依据' })
    const returned = await db().changeRequest.findUniqueOrThrow({ where: { id: requestId }, include: { decisions: true } })
    expect(returned.status).toBe('RETURNED')
    expect(returned.decisions[0]!.comment).toBe('请补充设定依据')
    await updateDraft(db(), editor, requestId, draft({ action: 'UPDATE', entityId: passport.id, payload: fields({ name: '普通护照签发（含换发补发）', aliases: ['办护照'], timeLimit: '7个工作日', legalBasis: '《中华人民共和国护照法》第五条' }) }))
    await submitDraft(db(), editor, requestId, '已补充设定依据')
    const approved = await decide(db(), office, requestId, { outcome: 'APPROVED', documentNo: '广安审改〔2026〕1号', effectiveDate: today(), comment: null })
    expect(approved.changeRequest.status).toBe('APPROVED')
    // Approval alone publishes nothing.
    expect((await db().powerItem.findUniqueOrThrow({ where: { id: passport.id } })).name).toBe('普通护照签发')
  })

  it('takes effect when its list version is published: item, history, announcement, search', async () => {
    const version = await createListVersion(db(), office, { title: '2026年第2批调整', documentNo: '广安审改〔2026〕1号', effectiveDate: today(), changeRequestIds: [requestId] })
    const published = await publishListVersion(db(), office, version.id)
    expect(published.status).toBe('PUBLISHED')
    const item = await db().powerItem.findUniqueOrThrow({ where: { id: passport.id } })
    expect(item).toMatchObject({ name: '普通护照签发（含换发补发）', legalBasis: '《中华人民共和国护照法》第五条', timeLimit: '7个工作日', revision: 2 })
    const history = await db().recordVersion.findMany({ where: { entityType: 'POWER_ITEM', entityId: passport.id }, orderBy: { revision: 'asc' } })
    expect(history.map((h) => [h.revision, h.action, h.documentNo, h.validTo === null])).toEqual([[1, 'ADD', null, false], [2, 'UPDATE', '广安审改〔2026〕1号', true]])
    const announcement = await db().announcement.findUniqueOrThrow({ where: { listVersionId: version.id } })
    expect(announcement.body).toContain('修改：区公安分局“普通护照签发（含换发补发）”')
    expect((await db().changeRequest.findUniqueOrThrow({ where: { id: requestId } })).status).toBe('PUBLISHED')
    await drainAll(db(), env.meili, env.config.meiliIndex)
    expect((await names('含换发补发'))[0]).toBe('普通护照签发（含换发补发）')
  })
})

describe('decisions on power items', () => {
  async function throughReview(input: DraftInput, effectiveDate = today()) {
    const created = await createDraft(db(), editor, police.id, input)
    await submitDraft(db(), editor, created.id, '按审改要求调整')
    await decide(db(), office, created.id, { outcome: 'APPROVED', documentNo: '广安审改〔2026〕2号', effectiveDate, comment: null })
    return created.id
  }

  it('cancels an item, which stays public as cancelled with its document', async () => {
    const item = await db().powerItem.findFirstOrThrow({ where: { name: '犬类准养证核发' } })
    const id = await throughReview(draft({ action: 'CANCEL', entityId: item.id }))
    const version = await createListVersion(db(), office, { title: '2026年第3批调整', documentNo: '广安审改〔2026〕2号', effectiveDate: today(), changeRequestIds: [id] })
    await publishListVersion(db(), office, version.id)
    const cancelled = await db().powerItem.findUniqueOrThrow({ where: { id: item.id } })
    expect(cancelled).toMatchObject({ status: 'CANCELLED', statusDocumentNo: '广安审改〔2026〕2号' })
    await drainAll(db(), env.meili, env.config.meiliIndex)
    const hit = (await searchItems(env.meili, db(), env.config.meiliIndex, searchQuerySchema.parse({ q: '犬类准养证' }))).hits.find((h) => h.entityId === item.id)
    expect(hit?.status).toBe('CANCELLED')
  })

  it('adds a new item and delegates another, on a future date only when that date comes', async () => {
    const other = await db().powerItem.findFirstOrThrow({ where: { departmentId: police.id, status: 'IN_FORCE', name: { not: { contains: '护照' } } } })
    const addId = await throughReview(draft({ action: 'ADD', payload: { ...fields({ name: '电动自行车登记上牌' }), code: 'DEMO-ADD-0001' } }), '2030-01-01')
    const delegateId = await throughReview(draft({ action: 'DELEGATE', entityId: other.id, payload: { toLevel: 'TOWNSHIP' } }), '2030-01-01')
    const version = await createListVersion(db(), office, { title: '2030年第1批调整', documentNo: '广安审改〔2029〕9号', effectiveDate: '2030-01-01', changeRequestIds: [addId, delegateId] })
    expect((await publishListVersion(db(), office, version.id)).status).toBe('SCHEDULED')
    expect(await db().powerItem.findUnique({ where: { code: 'DEMO-ADD-0001' } })).toBeNull()
    expect(await applyDueVersions(db(), new Date('2029-12-31T12:00:00Z'))).toEqual({ applied: [], failed: [] })
    // Midnight in 广安 (UTC+8) is when the day begins.
    expect(await applyDueVersions(db(), new Date('2029-12-31T15:59:59Z'))).toEqual({ applied: [], failed: [] })
    expect(await applyDueVersions(db(), new Date('2029-12-31T16:00:00Z'))).toEqual({ applied: [version.id], failed: [] })
    expect(await db().powerItem.findUniqueOrThrow({ where: { code: 'DEMO-ADD-0001' } })).toMatchObject({ name: '电动自行车登记上牌', departmentId: police.id, status: 'IN_FORCE' })
    expect(await db().powerItem.findUniqueOrThrow({ where: { id: other.id } })).toMatchObject({ status: 'DELEGATED', delegatedToLevel: 'TOWNSHIP' })
    expect(await applyDueVersions(db(), new Date('2030-02-01T00:00:00Z'))).toEqual({ applied: [], failed: [] })
  })

  it('refuses a whole batch when one change cannot be decided', async () => {
    const item = await db().powerItem.findFirstOrThrow({ where: { departmentId: police.id, status: 'IN_FORCE', name: { contains: '许可' } } })
    const ok = await createDraft(db(), editor, police.id, draft({ action: 'RETAIN', entityId: item.id }))
    await submitDraft(db(), editor, ok.id, '保留')
    const stillDraft = await createDraft(db(), editor, police.id, draft({ action: 'ADD', payload: { ...fields({ name: '测试批量事项' }), code: 'DEMO-ADD-0002' } }))
    expect(await refused(decideBatch(db(), office, [ok.id, stillDraft.id], { outcome: 'APPROVED', documentNo: '广安审改〔2026〕5号', effectiveDate: today(), comment: null }))).toEqual({ status: 409, code: 'INVALID_TRANSITION' })
    expect((await db().changeRequest.findUniqueOrThrow({ where: { id: ok.id } })).status).toBe('SUBMITTED')
    await withdrawDraft(db(), editor, stillDraft.id)
  })

  it('refuses to approve a draft whose item changed after it was made', async () => {
    const item = await db().powerItem.findFirstOrThrow({ where: { departmentId: police.id, status: 'IN_FORCE', name: { contains: '身份证' } } })
    const created = await createDraft(db(), editor, police.id, draft({ action: 'UPDATE', entityId: item.id, payload: fields({ name: item.name, type: item.type, fees: '免费' }) }))
    await submitDraft(db(), editor, created.id, '补充收费信息')
    await db().powerItem.update({ where: { id: item.id }, data: { revision: { increment: 1 } } })
    expect(await refused(decide(db(), office, created.id, { outcome: 'APPROVED', documentNo: '广安审改〔2026〕6号', effectiveDate: today(), comment: null }))).toEqual({ status: 409, code: 'STALE_DRAFT' })
  })

  it('leaves an unbroken audit chain that names every step', async () => {
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true })
    const actions = new Set((await db().auditEntry.findMany({ select: { action: true } })).map((a) => a.action))
    for (const action of ['draft.create', 'draft.update', 'draft.submit', 'draft.withdraw', 'review.return', 'review.approve', 'version.create', 'version.publish', 'version.schedule', 'version.apply']) {
      expect(actions).toContain(action)
    }
  })
})
