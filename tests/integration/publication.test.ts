// One change that cannot take effect must never freeze publication: what a change refers to is
// checked when it is drafted and again when it is applied; a version that cannot be applied is
// refused whole, naming the change at fault, and the reform office can take that change out or
// return it; the scheduler applies every other due version and keeps the reason where the back
// office shows it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { verifyAuditChain, type AuditActor } from '../../server/services/audit'
import { createDraft, decide, submitDraft, updateDraft, withdrawDraft } from '../../server/services/workflow/change-requests'
import { applyDueVersions, createListVersion, publishListVersion, removeFromVersion } from '../../server/services/workflow/list-versions'
import { listVersions } from '../../server/services/workflow/queries'
import type { WorkflowError } from '../../server/services/workflow/errors'
import type { DraftInput } from '../../shared/drafts'
import { createEditorAndOffice, createTestEnv, draft, powerItemFields, today, type TestEnv } from '../helpers/services'

let env: TestEnv
let editor: AuditActor & { id: number }
let office: AuditActor & { id: number }
let police: number
let counter = 0

const db = () => env.db.prisma
const refused = async (promise: Promise<unknown>) => promise.then(() => null, (e: WorkflowError) => ({ status: e.status, code: e.code, message: e.message }))
const fields = (name: string) => powerItemFields(name)

/** A fresh published power item of 区公安分局. */
async function newItem(name = '测试许可事项') {
  counter += 1
  const item = await db().powerItem.create({ data: { code: `TEST-${counter}`, name: `${name}${counter}`, type: 'LICENSING', departmentId: police } })
  return item
}

/** Drafted, submitted and approved: a change waiting for a list version. */
async function approved(input: DraftInput, effectiveDate = today()) {
  const created = await createDraft(db(), editor, police, input)
  await submitDraft(db(), editor, created.id, '按审改要求调整')
  await decide(db(), office, created.id, { outcome: 'APPROVED', documentNo: '广安审改〔2026〕8号', effectiveDate, comment: null })
  return created.id
}

async function version(changeRequestIds: number[], effectiveDate = today()) {
  return createListVersion(db(), office, { title: `${effectiveDate}调整`, documentNo: '广安审改〔2026〕8号', effectiveDate, changeRequestIds })
}

const statusOf = async (id: number) => (await db().changeRequest.findUniqueOrThrow({ where: { id } })).status
const versionView = async (id: number) => (await listVersions(db())).find((v) => v.id === id)!

beforeAll(async () => {
  env = await createTestEnv()
  police = (await db().department.create({ data: { code: 'GA', name: '区公安分局', areaCode: '511602' } })).id
  ;({ editor, office } = await createEditorAndOffice(db(), police))
})
afterAll(async () => {
  expect(await verifyAuditChain(db())).toMatchObject({ ok: true })
  await env?.close()
})

describe('a draft is checked against what it refers to', () => {
  it('refuses a delegation to a department that does not exist', async () => {
    const item = await newItem()
    expect(await refused(createDraft(db(), editor, police, draft({ action: 'DELEGATE', entityId: item.id, payload: { toLevel: 'TOWNSHIP', toDepartmentId: 999_999 } }))))
      .toMatchObject({ status: 400, code: 'DEPARTMENT_NOT_FOUND' })
    expect(await db().changeRequest.count({ where: { entityId: item.id } })).toBe(0)
  })

  it('refuses a new power item whose code another open draft already proposes, until that draft is withdrawn', async () => {
    const first = await createDraft(db(), editor, police, draft({ action: 'ADD', payload: { ...fields('电动自行车登记'), code: 'NEW-DUP-1' } }))
    expect(await refused(createDraft(db(), editor, police, draft({ action: 'ADD', payload: { ...fields('电动自行车上牌'), code: 'NEW-DUP-1' } }))))
      .toMatchObject({ status: 409, code: 'ITEM_CODE_TAKEN' })
    // Changing another draft's code to a proposed one is refused too.
    const other = await createDraft(db(), editor, police, draft({ action: 'ADD', payload: { ...fields('电动自行车上牌'), code: 'NEW-DUP-2' } }))
    expect(await refused(updateDraft(db(), editor, other.id, draft({ action: 'ADD', payload: { ...fields('电动自行车上牌'), code: 'NEW-DUP-1' } }))))
      .toMatchObject({ status: 409, code: 'ITEM_CODE_TAKEN' })
    await withdrawDraft(db(), editor, first.id)
    expect(await createDraft(db(), editor, police, draft({ action: 'ADD', payload: { ...fields('电动自行车上牌'), code: 'NEW-DUP-1' } }))).toMatchObject({ status: 'DRAFT' })
    await withdrawDraft(db(), editor, other.id)
  })
})

describe('a version that cannot be applied', () => {
  let renamed: { id: number; code: string }
  let rename: number
  let addition: number
  let versionId: number

  it('is refused whole, naming the change at fault; nothing of it is applied', async () => {
    renamed = await newItem('机动车登记')
    rename = await approved(draft({ action: 'UPDATE', entityId: renamed.id, payload: fields('机动车登记（含转移登记）') }))
    addition = await approved(draft({ action: 'ADD', payload: { ...fields('非机动车登记'), code: 'NEW-CLASH-1' } }))
    versionId = (await version([rename, addition])).id
    // The code is taken outside the workflow meanwhile, as the import command would.
    await db().powerItem.create({ data: { code: 'NEW-CLASH-1', name: '另一事项', type: 'LICENSING', departmentId: police } })

    const refusal = await refused(publishListVersion(db(), office, versionId))
    expect(refusal).toMatchObject({ status: 409, code: 'CHANGE_NOT_APPLICABLE' })
    expect(refusal!.message).toContain(`#${addition}`)
    expect(refusal!.message).toContain('NEW-CLASH-1')
    expect((await db().powerItem.findUniqueOrThrow({ where: { id: renamed.id } })).name).not.toContain('转移登记')
    expect([await statusOf(rename), await statusOf(addition)]).toEqual(['APPROVED', 'APPROVED'])
    expect(await db().announcement.count({ where: { listVersionId: versionId } })).toBe(0)
    // The back office keeps the reason with the version.
    const view = await versionView(versionId)
    expect(view).toMatchObject({ status: 'DRAFT', failure: { changeRequestId: addition } })
    expect(view.failure!.reason).toContain('NEW-CLASH-1')
  })

  it('goes through once the reform office takes the change out of it', async () => {
    const after = await removeFromVersion(db(), office, versionId, addition)
    expect(after.changeRequests.map((c) => c.id)).toEqual([rename])
    expect(after.failure).toBeNull()
    const entry = await db().auditEntry.findFirstOrThrow({ where: { action: 'version.remove_change', entityId: String(versionId) } })
    expect(entry.after).toMatchObject({ changeRequestId: addition })
    expect(await publishListVersion(db(), office, versionId)).toMatchObject({ status: 'PUBLISHED' })
    expect((await db().powerItem.findUniqueOrThrow({ where: { id: renamed.id } })).name).toBe('机动车登记（含转移登记）')
    expect(await statusOf(rename)).toBe('PUBLISHED')
    // The change taken out waits again for a version, or for the office to return it.
    expect(await statusOf(addition)).toBe('APPROVED')
    const decisions = await db().decision.findMany({ where: { changeRequestId: addition, outcome: 'APPROVED' } })
    expect(decisions.map((d) => d.listVersionId)).toEqual([null])
    expect(await refused(removeFromVersion(db(), office, versionId, rename))).toMatchObject({ status: 409, code: 'VERSION_NOT_DRAFT' })
  })

  it('lets the reform office return an approved change to its editor, who fixes it and submits again', async () => {
    const other = await version([addition])
    await decide(db(), office, addition, { outcome: 'RETURNED', comment: '编码已被占用，请更换编码' })
    expect(await statusOf(addition)).toBe('RETURNED')
    expect((await versionView(other.id)).changeRequests).toEqual([])
    const entry = await db().auditEntry.findFirstOrThrow({ where: { action: 'review.return', entityId: String(addition) }, orderBy: { seq: 'desc' } })
    expect(entry.after).toMatchObject({ status: 'RETURNED', removedFromVersion: other.id })
    await updateDraft(db(), editor, addition, draft({ action: 'ADD', payload: { ...fields('非机动车登记'), code: 'NEW-CLASH-2' } }))
    await submitDraft(db(), editor, addition, '已更换编码')
    await decide(db(), office, addition, { outcome: 'APPROVED', documentNo: '广安审改〔2026〕9号', effectiveDate: today(), comment: null })
    expect(await publishListVersion(db(), office, (await version([addition])).id)).toMatchObject({ status: 'PUBLISHED' })
    expect(await db().powerItem.findUnique({ where: { code: 'NEW-CLASH-2' } })).toMatchObject({ name: '非机动车登记' })
    // A published change can no longer be returned.
    expect(await refused(decide(db(), office, addition, { outcome: 'RETURNED', comment: '再次退回试试' }))).toMatchObject({ status: 409, code: 'INVALID_TRANSITION' })
  })

  it('is never published empty', async () => {
    const retain = await approved(draft({ action: 'RETAIN', entityId: (await newItem()).id }))
    const emptied = await version([retain])
    await removeFromVersion(db(), office, emptied.id, retain)
    expect(await refused(publishListVersion(db(), office, emptied.id))).toMatchObject({ status: 409, code: 'VERSION_EMPTY' })
    expect(await db().announcement.count({ where: { listVersionId: emptied.id } })).toBe(0)
  })

  it('checks again what a change refers to when it is applied: a merge into an item cancelled since', async () => {
    const [merged, into] = [await newItem('合并前事项'), await newItem('合并目标事项')]
    const merge = await approved(draft({ action: 'MERGE', entityId: merged.id, payload: { intoItemId: into.id } }))
    const cancel = await approved(draft({ action: 'CANCEL', entityId: into.id }))
    const mergeVersion = await version([merge])
    await publishListVersion(db(), office, (await version([cancel])).id)
    const refusal = await refused(publishListVersion(db(), office, mergeVersion.id))
    expect(refusal).toMatchObject({ status: 409, code: 'CHANGE_NOT_APPLICABLE' })
    expect(refusal!.message).toContain(`#${merge}`)
    expect((await db().powerItem.findUniqueOrThrow({ where: { id: merged.id } })).status).toBe('IN_FORCE')
  })
})

describe('the scheduler', () => {
  it('applies every other due version when one fails, and keeps the reason for the back office', async () => {
    const clash = await approved(draft({ action: 'ADD', payload: { ...fields('定时新增事项'), code: 'NEW-LATER-1' } }), '2031-01-01')
    const item = await newItem('定时修改事项')
    const rename = await approved(draft({ action: 'UPDATE', entityId: item.id, payload: fields('定时修改事项（已修改）') }), '2031-01-02')
    const failing = await version([clash], '2031-01-01')
    const later = await version([rename], '2031-01-02')
    expect(await publishListVersion(db(), office, failing.id)).toMatchObject({ status: 'SCHEDULED' })
    expect(await publishListVersion(db(), office, later.id)).toMatchObject({ status: 'SCHEDULED' })
    await db().powerItem.create({ data: { code: 'NEW-LATER-1', name: '另一事项', type: 'LICENSING', departmentId: police } })

    const now = new Date('2031-01-03T00:00:00Z')
    const first = await applyDueVersions(db(), now)
    expect(first.applied).toEqual([later.id])
    expect(first.failed.map((f) => f.id)).toEqual([failing.id])
    expect(first.failed[0]!.reason).toContain(`#${clash}`)
    expect((await db().powerItem.findUniqueOrThrow({ where: { id: item.id } })).name).toBe('定时修改事项（已修改）')
    const view = await versionView(failing.id)
    expect(view).toMatchObject({ status: 'SCHEDULED', failure: { changeRequestId: clash } })
    expect(view.failure!.reason).toContain('NEW-LATER-1')

    // Every minute it tries again; the audit log names the failure once, not every minute.
    expect((await applyDueVersions(db(), now)).failed.map((f) => f.id)).toEqual([failing.id])
    expect(await db().auditEntry.count({ where: { action: 'version.apply_failed', entityId: String(failing.id) } })).toBe(1)

    // Once the change is returned, the version holds nothing and waits as a draft instead of failing.
    await decide(db(), office, clash, { outcome: 'RETURNED', comment: '编码已被占用，请更换编码' })
    expect(await versionView(failing.id)).toMatchObject({ status: 'DRAFT', changes: 0, changeRequests: [], failure: null })
    expect(await applyDueVersions(db(), now)).toEqual({ applied: [], failed: [] })
  })
})
