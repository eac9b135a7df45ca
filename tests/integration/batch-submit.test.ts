// Safer publishing, the editor's side: many drafts submitted at once with one reason (after an
// import), all or none, only the editor's own department's; and a delegation proposal shows the
// level it delegates to before it is decided.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDraft, submitDrafts } from '../../server/services/workflow/change-requests'
import { getChangeRequest } from '../../server/services/workflow/queries'
import { requireRecordsScope } from '../../server/guards/context'
import type { Actor } from '../../server/services/auth/policy'
import { draftInputSchema, type DraftInput } from '../../shared/drafts'
import { createTestEnv, type TestEnv } from '../helpers/services'

let env: TestEnv
let police: { id: number }
let editor: Actor
let otherEditor: Actor
let items: { id: number; name: string; aliases: string[]; type: string; level: string; timeLimit: string | null }[]

const db = () => env.db.prisma
const draft = (input: unknown) => draftInputSchema.parse(input) as DraftInput
const retain = async (i: number) => (await createDraft(db(), editor, police.id, draft({ action: 'RETAIN', entityId: items[i]!.id }))).id

beforeAll(async () => {
  env = await createTestEnv({ realData: true })
  police = await db().department.findUniqueOrThrow({ where: { name: '区公安分局' } })
  const civil = await db().department.findUniqueOrThrow({ where: { name: '区民政局' } })
  items = await db().powerItem.findMany({ where: { departmentId: police.id, status: 'IN_FORCE', type: 'LICENSING' }, orderBy: { code: 'asc' }, take: 6 })
  const account = async (username: string, departmentId: number): Promise<Actor> => {
    const user = await db().user.create({ data: { username, displayName: username, passwordHash: 'x', role: 'EDITOR', departmentId } })
    return { id: user.id, username, displayName: username, role: 'EDITOR', departmentId, mustChangePassword: false }
  }
  editor = await account('batch.editor', police.id)
  otherEditor = await account('batch.other', civil.id)
}, 240_000)

afterAll(async () => { await env?.close() })

describe('submitting many drafts at once', () => {
  it('submits every chosen draft with the one reason, each audited', async () => {
    const ids = [await retain(0), await retain(1), await retain(2)]
    const submitted = await submitDrafts(db(), editor, ids, '导入后统一提交：依据2026年清单调整通知')
    expect(submitted.map((r) => r.id).sort()).toEqual([...ids].sort())
    const rows = await db().changeRequest.findMany({ where: { id: { in: ids } } })
    expect(rows.every((r) => r.status === 'SUBMITTED' && r.reason === '导入后统一提交：依据2026年清单调整通知')).toBe(true)
    const audited = await db().auditEntry.findMany({ where: { action: 'draft.submit', entityId: { in: ids.map(String) } } })
    expect(audited).toHaveLength(3)
  })

  it('submits none when one of them cannot be submitted, and names it', async () => {
    const fresh = await retain(3)
    const already = (await db().changeRequest.findFirstOrThrow({ where: { status: 'SUBMITTED' } })).id
    await expect(submitDrafts(db(), editor, [fresh, already], '统一提交')).rejects.toMatchObject({ status: 409, message: expect.stringContaining(`变更 #${already}`) })
    expect((await db().changeRequest.findUniqueOrThrow({ where: { id: fresh } })).status).toBe('DRAFT')
    await expect(submitDrafts(db(), editor, [fresh, 999_999], '统一提交')).rejects.toMatchObject({ status: 404 })
    expect((await db().changeRequest.findUniqueOrThrow({ where: { id: fresh } })).status).toBe('DRAFT')
  })

  it('refuses another department\'s drafts at the guard', async () => {
    const mine = await retain(4)
    await expect(requireRecordsScope(db(), otherEditor, 'draft:submit', 'CHANGE_REQUEST', [mine])).rejects.toMatchObject({ statusCode: 403 })
    await expect(requireRecordsScope(db(), editor, 'draft:submit', 'CHANGE_REQUEST', [mine])).resolves.toBeUndefined()
    await expect(requireRecordsScope(db(), editor, 'draft:submit', 'CHANGE_REQUEST', [mine, 999_999])).rejects.toMatchObject({ status: 404 })
  })
})

describe('a delegation proposal', () => {
  it('shows its editor the level it delegates to, and the status it will take', async () => {
    const item = items[5]!
    const { id } = await createDraft(db(), editor, police.id, draft({ action: 'DELEGATE', entityId: item.id, payload: { toLevel: 'TOWNSHIP' } }))
    const view = (await getChangeRequest(db(), id))!
    expect(view.diff).toEqual(expect.arrayContaining([
      { field: 'level', before: item.level, after: 'TOWNSHIP' },
      { field: 'status', before: 'IN_FORCE', after: 'DELEGATED' },
      { field: 'delegatedToLevel', before: null, after: 'TOWNSHIP' },
    ]))
  })
})
