// Can an auditor trust the record? The database refuses to rewrite the log; someone who gets
// round that (a database owner disabling the trigger) is caught by the hash chain, which names
// the entry. Many writers at once keep one chain. Lists are reconstructed exactly as they were.
import pg from 'pg'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { appendAudit, entryHash, verifyAuditChain, type AuditActor } from '../../server/services/audit'
import { diffSnapshots, powerListAsOf, timeline } from '../../server/services/history'
import { importItems } from '../../server/services/import/import-items'
import { powerItemSnapshot } from '../../server/services/lists/snapshots'
import { createDraft, decide, submitDraft } from '../../server/services/workflow/change-requests'
import { applyDueVersions, createListVersion, publishListVersion } from '../../server/services/workflow/list-versions'
import { draftInputSchema, type DraftInput } from '../../shared/drafts'
import { readDataFiles } from '../../scripts/lib/runtime'
import { createTestEnv, type TestEnv } from '../helpers/services'

let env: TestEnv
let sql: pg.Client
const actor: AuditActor = { id: null, name: '测试', role: null, departmentId: null }

async function append(n: number) {
  for (let i = 0; i < n; i++) await env.db.prisma.$transaction((tx) => appendAudit(tx, actor, { action: 'test.entry', entityId: i, after: { i } }))
}

/** As a database owner would: with the append-only trigger out of the way. */
async function tamper(statement: string) {
  await sql.query('ALTER TABLE "AuditEntry" DISABLE TRIGGER USER')
  try {
    await sql.query(statement)
  } finally {
    await sql.query('ALTER TABLE "AuditEntry" ENABLE TRIGGER USER')
  }
}

beforeAll(async () => {
  env = await createTestEnv()
  sql = new pg.Client({ connectionString: env.config.databaseUrl })
  await sql.connect()
})
afterAll(async () => {
  await sql.end()
  await env.close()
})

describe('the audit log', () => {
  beforeEach(async () => {
    await tamper('DELETE FROM "AuditEntry"')
    await append(6)
    expect(await verifyAuditChain(env.db.prisma)).toEqual({ ok: true, entries: 6 })
  })

  it('cannot be changed, removed or emptied through the database', async () => {
    await expect(sql.query(`UPDATE "AuditEntry" SET action = 'x' WHERE seq = 2`)).rejects.toThrow(/append-only/)
    await expect(sql.query(`DELETE FROM "AuditEntry" WHERE seq = 2`)).rejects.toThrow(/append-only/)
    await expect(sql.query(`TRUNCATE "AuditEntry"`)).rejects.toThrow(/append-only/)
    expect(await verifyAuditChain(env.db.prisma)).toEqual({ ok: true, entries: 6 })
  })

  it('names an entry whose content was edited', async () => {
    await tamper(`UPDATE "AuditEntry" SET after = '{"i": 99}' WHERE seq = 3`)
    expect(await verifyAuditChain(env.db.prisma)).toEqual({ ok: false, entries: 2, firstBad: { seq: '3', problem: expect.stringContaining('edited') } })
  })

  it('names the gap where an entry was removed', async () => {
    await tamper(`DELETE FROM "AuditEntry" WHERE seq = 4`)
    expect(await verifyAuditChain(env.db.prisma)).toMatchObject({ ok: false, entries: 3, firstBad: { seq: '5', problem: 'entry 4 is missing' } })
  })

  it('names entries that were swapped', async () => {
    await tamper(`UPDATE "AuditEntry" SET seq = 1000 WHERE seq = 2`)
    await tamper(`UPDATE "AuditEntry" SET seq = 2 WHERE seq = 5`)
    await tamper(`UPDATE "AuditEntry" SET seq = 5 WHERE seq = 1000`)
    expect(await verifyAuditChain(env.db.prisma)).toMatchObject({ ok: false, entries: 1, firstBad: { seq: '2' } })
  })

  it('names a forged entry slipped in between, even with a correct hash of its own', async () => {
    const third = (await sql.query<{ hash: string }>(`SELECT hash FROM "AuditEntry" WHERE seq = 3`)).rows[0]!
    const at = new Date('2026-01-01T00:00:00.000Z')
    const forged = { seq: 4n, at, actorId: null, actorName: '伪造', role: null, departmentId: null, action: 'test.entry', entityType: null, entityId: '99', before: null, after: { i: 99 }, reason: null, documentNo: null, requestId: null, prevHash: third.hash }
    await tamper(`UPDATE "AuditEntry" SET seq = seq + 100 WHERE seq >= 4`)
    await tamper(`UPDATE "AuditEntry" SET seq = seq - 99 WHERE seq >= 104`)
    await tamper(`INSERT INTO "AuditEntry" (seq, at, "actorName", action, "entityId", after, "prevHash", hash) VALUES (4, '${at.toISOString()}', '伪造', 'test.entry', '99', '{"i": 99}', '${third.hash}', '${entryHash(forged)}')`)
    expect(await verifyAuditChain(env.db.prisma)).toMatchObject({ ok: false, entries: 4, firstBad: { seq: '5', problem: expect.stringContaining('does not follow') } })
  })

  it('keeps one unbroken chain under many simultaneous writers', async () => {
    await Promise.all(Array.from({ length: 40 }, (_, i) => env.db.prisma.$transaction((tx) => appendAudit(tx, actor, { action: 'test.concurrent', entityId: i }))))
    const result = await verifyAuditChain(env.db.prisma)
    expect(result).toEqual({ ok: true, entries: 46 })
    const seqs = (await env.db.prisma.auditEntry.findMany({ select: { seq: true }, orderBy: { seq: 'asc' } })).map((e) => Number(e.seq))
    expect(seqs).toEqual(Array.from({ length: 46 }, (_, i) => i + 1))
  })
})

describe('point in time', () => {
  it('reconstructs a department\'s power list exactly as it stood on each date of a scripted history', async () => {
    const db = env.db.prisma
    await importItems(db, await readDataFiles())
    const police = await db.department.findUniqueOrThrow({ where: { name: '区公安分局' } })
    const e = await db.user.create({ data: { username: 'pit-editor', displayName: '经办人', passwordHash: 'x', role: 'EDITOR', departmentId: police.id } })
    const o = await db.user.create({ data: { username: 'pit-office', displayName: '审改办', passwordHash: 'x', role: 'REFORM_OFFICE' } })
    const editor = { id: e.id, name: e.displayName, role: 'EDITOR' as const, departmentId: police.id }
    const office = { id: o.id, name: o.displayName, role: 'REFORM_OFFICE' as const, departmentId: null }
    const current = async () => (await db.powerItem.findMany({ where: { departmentId: police.id }, include: { department: { select: { name: true } } } }))
      .map((i) => powerItemSnapshot(i) as Record<string, unknown>).sort((a, b) => String(a.code).localeCompare(String(b.code)))

    const items = await db.powerItem.findMany({ where: { departmentId: police.id, type: 'LICENSING' }, orderBy: { id: 'asc' }, take: 3 })
    const steps: { date: string; change: DraftInput }[] = [
      { date: '2027-01-10', change: draftInputSchema.parse({ action: 'CANCEL', entityId: items[0]!.id }) },
      { date: '2027-02-10', change: draftInputSchema.parse({ action: 'UPDATE', entityId: items[1]!.id, payload: { name: `${items[1]!.name}（调整后）`, type: 'LICENSING', timeLimit: '5个工作日' } }) },
      { date: '2027-03-10', change: draftInputSchema.parse({ action: 'ADD', payload: { code: 'PIT-NEW-1', name: '新设许可事项', type: 'LICENSING' } }) },
      { date: '2027-04-10', change: draftInputSchema.parse({ action: 'DELEGATE', entityId: items[2]!.id, payload: { toLevel: 'TOWNSHIP' } }) },
    ]
    const asItWas = new Map<string, Record<string, unknown>[]>([['2026-12-31', await current()]])
    for (const [n, step] of steps.entries()) {
      const draft = await createDraft(db, editor, police.id, step.change)
      await submitDraft(db, editor, draft.id, '按计划调整')
      await decide(db, office, draft.id, { outcome: 'APPROVED', documentNo: `广安审改〔2027〕${n + 1}号`, effectiveDate: step.date, comment: null })
      const version = await createListVersion(db, office, { title: `2027年第${n + 1}批调整`, documentNo: `广安审改〔2027〕${n + 1}号`, effectiveDate: step.date, changeRequestIds: [draft.id] })
      await publishListVersion(db, office, version.id, new Date('2026-12-01T00:00:00Z'))
      await applyDueVersions(db, new Date(`${step.date}T00:00:00Z`))
      asItWas.set(step.date, await current())
    }

    for (const [date, expected] of asItWas) {
      const at = new Date(`${date}T12:00:00Z`)
      expect(await powerListAsOf(db, at, { departmentId: police.id }), date).toEqual(expected)
    }
    // Before the first change the cancelled item was in force; the new item did not exist.
    const before = await powerListAsOf(db, new Date('2027-01-09T12:00:00Z'), { departmentId: police.id })
    expect(before.find((i) => i.code === items[0]!.code)?.status).toBe('IN_FORCE')
    expect(before.some((i) => i.code === 'PIT-NEW-1')).toBe(false)

    const changed = await timeline(db, 'POWER_ITEM', items[1]!.id)
    expect(changed.map((v) => v.documentNo)).toEqual([null, '广安审改〔2027〕2号'])
    expect(diffSnapshots(changed[0]!.data, changed[1]!.data).map((c) => c.field)).toEqual(['name', 'timeLimit'])
  })
})
