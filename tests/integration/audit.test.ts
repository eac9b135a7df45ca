// Can an auditor trust the record? The database refuses to rewrite the log; someone who gets
// round that (a database owner disabling the trigger) is caught by the hash chain, which names
// the entry, and an entry appended at the end is caught by its missing HMAC when a key is set. Many writers at once keep one chain. Lists are reconstructed exactly as they were.
import pg from 'pg'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { appendAudit, entryHash, setAuditSigningKey, verifyAuditChain, type AuditActor } from '../../server/services/audit'
import { diffSnapshots, recordVersions, timeline } from '../../server/services/history'
import { listAsOf } from '../../server/services/point-in-time'
import { pointInTimeDownload } from '../../server/services/exports'
import { importItems } from '../../prisma/seed/import-items'
import { dutySnapshot, fundSnapshot, powerItemSnapshot } from '../../server/services/lists/snapshots'
import { createDraft, decide, submitDraft } from '../../server/services/workflow/change-requests'
import { applyDueVersions, createListVersion, publishListVersion } from '../../server/services/workflow/list-versions'
import { draftInputSchema, type DraftInput } from '../../shared/drafts'
import type { HistoryListRequest } from '../../shared/history'
import { endOfCityDay, startOfCityDay } from '../../shared/city-time'
import { csvRecords, xlsxRecords } from '../helpers/spreadsheets'
import { readDataFiles } from '../../scripts/lib/runtime'
import { createTestEnv, type TestEnv } from '../helpers/services'
import type { Prisma } from '../../server/utils/prisma'

type Tx = Prisma.TransactionClient

let env: TestEnv
let sql: pg.Client
const actor: AuditActor = { id: null, username: '测试', role: null, departmentId: null }

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
    // The records that name entries (AuditEntryRecord) refuse a TRUNCATE of the entries before their trigger does.
    await expect(sql.query(`TRUNCATE "AuditEntry"`)).rejects.toThrow(/append-only|referenced in a foreign key/)
    await expect(sql.query(`TRUNCATE "AuditEntry", "AuditEntryRecord"`)).rejects.toThrow(/append-only/)
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

  it('with an audit key, names an entry appended at the end without it, which the chain alone cannot tell from a real one', async () => {
    const key = 'audit-key-held-outside-the-database-0123456789'
    setAuditSigningKey(key)
    try {
      await append(2)
    } finally {
      setAuditSigningKey(null)
    }
    const signed = { hmacKey: key, hmacFromSeq: BigInt(7) }
    expect(await verifyAuditChain(env.db.prisma, signed)).toEqual({ ok: true, entries: 8 })
    expect(await verifyAuditChain(env.db.prisma, { ...signed, hmacKey: 'another-key' })).toMatchObject({ ok: false, firstBad: { seq: '7' } })

    // Appending needs no trigger to be disabled: whoever may write to the table can add a self-consistent entry.
    const last = (await sql.query<{ hash: string }>(`SELECT hash FROM "AuditEntry" WHERE seq = 8`)).rows[0]!
    const at = new Date('2026-06-01T00:00:00.000Z')
    const forged = { seq: BigInt(9), at, actorId: null, actorName: '伪造', role: null, departmentId: null, action: 'test.entry', entityType: null, entityId: '99', before: null, after: { i: 99 }, reason: null, documentNo: null, requestId: null, prevHash: last.hash }
    await sql.query(`INSERT INTO "AuditEntry" (seq, at, "actorName", action, "entityId", after, "prevHash", hash, hmac) VALUES (9, '${at.toISOString()}', '伪造', 'test.entry', '99', '{"i": 99}', '${last.hash}', '${entryHash(forged)}', '${'0'.repeat(64)}')`)
    expect(await verifyAuditChain(env.db.prisma, { hmacKey: null })).toEqual({ ok: true, entries: 9 })
    expect(await verifyAuditChain(env.db.prisma, signed)).toEqual({ ok: false, entries: 8, firstBad: { seq: '9', problem: expect.stringContaining('HMAC') } })
  })

  it('keeps one unbroken chain under many simultaneous writers', async () => {
    await Promise.all(Array.from({ length: 40 }, (_, i) => env.db.prisma.$transaction((tx) => appendAudit(tx, actor, { action: 'test.concurrent', entityId: i }))))
    const result = await verifyAuditChain(env.db.prisma)
    expect(result).toEqual({ ok: true, entries: 46 })
    const seqs = (await env.db.prisma.auditEntry.findMany({ select: { seq: true }, orderBy: { seq: 'asc' } })).map((e) => Number(e.seq))
    expect(seqs).toEqual(Array.from({ length: 46 }, (_, i) => i + 1))
  })
})

/** The snapshots of a list valid at `at`, as the history API and its downloads read them. */
async function snapshotsAt(request: HistoryListRequest, at: Date): Promise<Record<string, unknown>[]> {
  return (await listAsOf(env.db.prisma, request, at)).records.map((r) => r.snapshot as Record<string, unknown>)
}
const byCode = (a: Record<string, unknown>, b: Record<string, unknown>) => String(a.code).localeCompare(String(b.code))

describe('point in time', () => {
  beforeAll(async () => { await importItems(env.db.prisma, await readDataFiles()) }, 120_000)

  it('reconstructs a department\'s power list exactly as it stood on each date of a scripted history', async () => {
    const db = env.db.prisma
    const police = await db.department.findUniqueOrThrow({ where: { name: '区公安分局' } })
    const e = await db.user.create({ data: { username: 'pit-editor', displayName: '经办人', passwordHash: 'x', role: 'EDITOR', departmentId: police.id } })
    const o = await db.user.create({ data: { username: 'pit-office', displayName: '审改办', passwordHash: 'x', role: 'REFORM_OFFICE' } })
    const editor = { id: e.id, username: e.displayName, role: 'EDITOR' as const, departmentId: police.id }
    const office = { id: o.id, username: o.displayName, role: 'REFORM_OFFICE' as const, departmentId: null }
    const current = async () => (await db.powerItem.findMany({ where: { departmentId: police.id }, include: { department: { select: { name: true } } } }))
      .map((i) => powerItemSnapshot(i) as Record<string, unknown>).sort((a, b) => String(a.code).localeCompare(String(b.code)))

    const items = await db.powerItem.findMany({ where: { departmentId: police.id, type: 'LICENSING' }, orderBy: { id: 'asc' }, take: 3 })
    const steps: { date: string; change: DraftInput }[] = [
      { date: '2027-01-10', change: draftInputSchema.parse({ action: 'CANCEL', entityId: items[0]!.id }) },
      { date: '2027-02-10', change: draftInputSchema.parse({ action: 'UPDATE', entityId: items[1]!.id, payload: { name: `${items[1]!.name}（调整后）`, aliases: items[1]!.aliases, type: 'LICENSING', timeLimit: '5个工作日' } }) },
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
      expect(await snapshotsAt({ list: 'power', query: { date, dept: police.id } }, at), date).toEqual(expected)
    }
    // Before the first change the cancelled item was in force; the new item did not exist.
    const before = await snapshotsAt({ list: 'power', query: { date: '2027-01-09', dept: police.id } }, new Date('2027-01-09T12:00:00Z'))
    expect(before.find((i) => i.code === items[0]!.code)?.status).toBe('IN_FORCE')
    expect(before.some((i) => i.code === 'PIT-NEW-1')).toBe(false)

    const changed = await timeline(db, 'POWER_ITEM', items[1]!.id)
    expect(changed.map((v) => v.documentNo)).toEqual([null, '广安审改〔2027〕2号'])
    expect(diffSnapshots(changed[0]!.data, changed[1]!.data).map((c) => c.field)).toEqual(['name', 'timeLimit'])
  })

  it('reconstructs the responsibility list and the fund list exactly as they stood on each date, as publication records them', async () => {
    const db = env.db.prisma
    const duties = await db.duty.findMany({ orderBy: { id: 'asc' }, take: 1 })
    const dept = duties[0]!.departmentId
    const [updated, cancelled, rekinded] = await db.duty.findMany({ where: { departmentId: dept }, orderBy: { id: 'asc' }, take: 3 })
    expect(rekinded).toBeDefined()
    const newKind = rekinded!.kind === 'SUPERVISION' ? 'DEPARTMENT_DUTY' : 'SUPERVISION'
    const [fundA, fundB] = await db.specialFund.findMany({ orderBy: { id: 'asc' }, take: 2 })
    const currentDuties = async () => (await db.duty.findMany({ where: { departmentId: dept }, include: { accountabilityCases: true } })).map((d) => dutySnapshot(d) as Record<string, unknown>).sort(byCode)
    const currentFunds = async () => (await db.specialFund.findMany({ include: { allocations: true } })).map((f) => fundSnapshot(f) as Record<string, unknown>).sort(byCode)

    // Each step as a list version's publication does it: the row changes, then its new state is
    // recorded at the effective instant, closing the state before, in one transaction.
    type Step = { date: string; list: 'DUTY' | 'SPECIAL_FUND'; action: 'ADD' | 'UPDATE' | 'CANCEL'; change: (tx: Tx, at: Date) => Promise<{ id: number; revision: number; data: unknown }> }
    const dutyAfter = async (tx: Tx, id: number, data: Record<string, unknown> = {}) => {
      const d = await tx.duty.update({ where: { id }, data: { ...data, revision: { increment: 1 } }, include: { accountabilityCases: true } })
      return { id: d.id, revision: d.revision, data: dutySnapshot(d) }
    }
    const fundAfter = async (tx: Tx, id: number, data: Record<string, unknown> = {}) => {
      const f = await tx.specialFund.update({ where: { id }, data: { ...data, revision: { increment: 1 } }, include: { allocations: true } })
      return { id: f.id, revision: f.revision, data: fundSnapshot(f) }
    }
    const steps: Step[] = [
      { date: '2028-01-10', list: 'DUTY', action: 'UPDATE', change: (tx) => dutyAfter(tx, updated!.id, { title: `${updated!.title}（修订）`, content: '修订后的责任内容' }) },
      { date: '2028-01-20', list: 'SPECIAL_FUND', action: 'UPDATE', change: (tx) => fundAfter(tx, fundA!.id, { amount: '123.45', allocationMethod: fundA!.allocationMethod === 'FACTOR' ? 'PROJECT' : 'FACTOR' }) },
      {
        date: '2028-02-10', list: 'DUTY', action: 'ADD', change: async (tx, at) => {
          const d = await tx.duty.create({ data: { code: 'PIT-DUTY-NEW', kind: 'SUPERVISION', departmentId: dept, title: '新增监管责任', content: '新增的责任内容', publishedAt: at }, include: { accountabilityCases: true } })
          return { id: d.id, revision: d.revision, data: dutySnapshot(d) }
        },
      },
      {
        date: '2028-02-20', list: 'SPECIAL_FUND', action: 'ADD', change: async (tx, at) => {
          const f = await tx.specialFund.create({
            data: { code: 'PIT-FUND-NEW', name: '新设专项资金', departmentId: fundA!.departmentId, year: 2028, amount: '500.00', legalBasis: '依据', purpose: '用途', recipients: '对象', allocationMethod: 'PROJECT', performanceTargets: '目标', periodStart: 2028, periodEnd: 2030, howToApply: '申报', publishedAt: at },
            include: { allocations: true },
          })
          return { id: f.id, revision: f.revision, data: fundSnapshot(f) }
        },
      },
      { date: '2028-03-10', list: 'DUTY', action: 'CANCEL', change: (tx) => dutyAfter(tx, cancelled!.id, { status: 'CANCELLED' }) },
      { date: '2028-03-20', list: 'SPECIAL_FUND', action: 'CANCEL', change: (tx) => fundAfter(tx, fundB!.id, { status: 'CANCELLED' }) },
      { date: '2028-04-10', list: 'DUTY', action: 'UPDATE', change: (tx) => dutyAfter(tx, rekinded!.id, { kind: newKind }) },
    ]
    const dutiesOn: [string, Record<string, unknown>[]][] = [['2027-12-31', await currentDuties()]]
    const fundsOn: [string, Record<string, unknown>[]][] = [['2027-12-31', await currentFunds()]]
    for (const [n, step] of steps.entries()) {
      const at = startOfCityDay(step.date)
      await db.$transaction(async (tx) => {
        const version = await step.change(tx, at)
        await recordVersions(tx, step.list, [{ entityId: version.id, revision: version.revision, data: version.data }], { action: step.action, at, documentNo: `广安审改〔2028〕${n + 1}号` })
      })
      if (step.list === 'DUTY') dutiesOn.push([step.date, await currentDuties()])
      else fundsOn.push([step.date, await currentFunds()])
    }

    const duty = (date: string, at: Date, extra: { kind?: typeof newKind } = {}) => snapshotsAt({ list: 'responsibility', query: { date, dept, ...extra } }, at)
    const fund = (date: string, at: Date) => snapshotsAt({ list: 'fund', query: { date } }, at)
    const dayBefore = (date: string) => new Date(startOfCityDay(date).getTime() - 1)
    // Each state holds from the first instant of its day to the last instant before the next change.
    for (const [i, [date, expected]] of dutiesOn.entries()) {
      expect((await duty(date, endOfCityDay(date))).sort(byCode), date).toEqual(expected)
      if (i > 0) expect((await duty(date, dayBefore(date))).sort(byCode), `just before ${date}`).toEqual(dutiesOn[i - 1]![1])
    }
    for (const [i, [date, expected]] of fundsOn.entries()) {
      expect((await fund(date, endOfCityDay(date))).sort(byCode), date).toEqual(expected)
      if (i > 0) expect((await fund(date, dayBefore(date))).sort(byCode), `just before ${date}`).toEqual(fundsOn[i - 1]![1])
    }

    // A record added later is absent before its day; a cancelled one stays listed, as cancelled.
    const codes = async (request: HistoryListRequest) => (await listAsOf(db, request, endOfCityDay(request.query.date))).records.map((r) => [r.record.code, r.status])
    expect(await codes({ list: 'responsibility', query: { date: '2028-02-09', dept } })).not.toContainEqual(['PIT-DUTY-NEW', 'IN_FORCE'])
    expect(await codes({ list: 'responsibility', query: { date: '2028-02-10', dept } })).toContainEqual(['PIT-DUTY-NEW', 'IN_FORCE'])
    expect(await codes({ list: 'responsibility', query: { date: '2028-03-09', dept } })).toContainEqual([cancelled!.code, 'IN_FORCE'])
    expect(await codes({ list: 'responsibility', query: { date: '2028-03-10', dept } })).toContainEqual([cancelled!.code, 'CANCELLED'])
    expect(await codes({ list: 'fund', query: { date: '2028-03-19', status: 'CANCELLED' } })).not.toContainEqual([fundB!.code, 'CANCELLED'])
    expect(await codes({ list: 'fund', query: { date: '2028-03-20', status: 'CANCELLED' } })).toContainEqual([fundB!.code, 'CANCELLED'])
    // Filters apply to the state of the date, not to today's.
    expect((await duty('2028-04-09', endOfCityDay('2028-04-09'), { kind: newKind })).map((d) => d.code)).not.toContain(rekinded!.code)
    expect((await duty('2028-04-10', endOfCityDay('2028-04-10'), { kind: newKind })).map((d) => d.code)).toContain(rekinded!.code)
    const method = fundA!.allocationMethod === 'FACTOR' ? 'PROJECT' : 'FACTOR'
    expect((await codes({ list: 'fund', query: { date: '2028-01-19', method } })).map(([code]) => code)).not.toContain(fundA!.code)
    expect((await codes({ list: 'fund', query: { date: '2028-01-20', method } })).map(([code]) => code)).toContain(fundA!.code)
    expect((await codes({ list: 'fund', query: { date: '2028-01-01', year: 2028 } })).map(([code]) => code)).not.toContain('PIT-FUND-NEW')

    // The timeline of one duty and the field diff between its versions.
    const versions = await timeline(db, 'DUTY', updated!.id)
    expect(versions.map((v) => [v.action, v.documentNo])).toEqual([['ADD', null], ['UPDATE', '广安审改〔2028〕1号']])
    expect(diffSnapshots(versions[0]!.data, versions[1]!.data).map((c) => c.field)).toEqual(['content', 'title'])
    const fundVersions = await timeline(db, 'SPECIAL_FUND', fundA!.id)
    expect(diffSnapshots(fundVersions[0]!.data, fundVersions[1]!.data).map((c) => c.field)).toEqual(['allocationMethod', 'amount'])

    // The file of a date holds the same records in the same order, and says which version each row is.
    const request: HistoryListRequest = { list: 'responsibility', query: { date: '2028-03-10', dept } }
    const expected = (await listAsOf(db, request, endOfCityDay('2028-03-10'))).records
    const csv = await pointInTimeDownload(db, request, 'csv')
    expect(csv.fileName).toMatch(/^责任清单-.+-2028-03-10\.csv$/)
    const { rows } = csvRecords(csv.body as string)
    expect(rows.map((r) => r['责任编码'])).toEqual(expected.map((r) => r.record.code))
    expect(rows.find((r) => r['责任编码'] === cancelled!.code)).toMatchObject({ 状态: '已取消', 版本: '2', 本版变更类型: '取消', 本版文号: '广安审改〔2028〕5号', 本版生效时间: '2028-03-10 00:00' })
    expect(rows.find((r) => r['责任编码'] === updated!.code)).toMatchObject({ 责任事项: `${updated!.title}（修订）`, 状态: '实施中' })
    const xlsx = await xlsxRecords((await pointInTimeDownload(db, request, 'xlsx')).body as Buffer)
    expect(xlsx.rows.map((r) => r['责任编码'])).toEqual(expected.map((r) => r.record.code))
    const funds = csvRecords((await pointInTimeDownload(db, { list: 'fund', query: { date: '2028-01-19' } }, 'csv')).body as string).rows
    expect(funds.find((r) => r['资金编码'] === fundA!.code)?.['资金规模（万元）']).toBe(Number(fundA!.amount).toFixed(2))
    const later = csvRecords((await pointInTimeDownload(db, { list: 'fund', query: { date: '2028-01-20' } }, 'csv')).body as string).rows
    expect(later.find((r) => r['资金编码'] === fundA!.code)?.['资金规模（万元）']).toBe('123.45')
  })
})
