// "Who changed 普通护照签发?" The audit log answers it for a record changed through every path
// (a draft submitted and approved, a spreadsheet import, a batch decision, a scheduled version,
// a new record proposed by code): filtering by the record or searching its name or code finds
// the whole story, the record's history names the people beside the version, and the chain
// still verifies. Entries written before records were named get them from the migration.
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { entryHash, queryAudit, recordStory, verifyAuditChain, type AuditActor, type HashedContent } from '../../server/services/audit'
import { createDraft, decide, decideBatch, submitDraft } from '../../server/services/workflow/change-requests'
import { applyDueVersions, createListVersion, publishListVersion } from '../../server/services/workflow/list-versions'
import { importSheet } from '../../server/services/import/spreadsheet'
import { auditDownload } from '../../server/services/exports'
import { draftInputSchema, type DraftInput } from '../../shared/drafts'
import { cityToday } from '../../shared/city-time'
import { openDatabase } from '../../server/utils/prisma'
import { createDatabase, createTestEnv, testConfig, type TestEnv } from '../helpers/services'
import { csvOf, HEADER, row } from '../helpers/sheets'
import { csvRecords } from '../helpers/spreadsheets'

let env: TestEnv
let editor: AuditActor & { id: number }
let office: AuditActor & { id: number }
let police: { id: number }

const db = () => env.db.prisma
const draft = (input: unknown) => draftInputSchema.parse(input) as DraftInput
const today = cityToday()
const itemFields = (item: { name: string; type: string; level: string }, overrides: Record<string, unknown> = {}) =>
  ({ name: item.name, aliases: [], type: item.type, groupName: null, legalBasis: null, level: item.level, timeLimit: null, fees: null, contact: null, ...overrides })

/** Every entry the log gives for a record, oldest first, as "action by actor". */
async function storyOf(entityType: 'POWER_ITEM' | 'DUTY' | 'SPECIAL_FUND', entityId: number) {
  const page = await queryAudit(db(), { entityType, entityId: String(entityId) }, 1, 100)
  return page.items.map((e) => `${e.action} ${e.actorName}`).reverse()
}

async function approveAndPublish(ids: number[], documentNo: string) {
  for (const id of ids) await decide(db(), office, id, { outcome: 'APPROVED', documentNo, effectiveDate: today, comment: null })
  const version = await createListVersion(db(), office, { title: `${documentNo}批次`, documentNo, effectiveDate: today, changeRequestIds: ids })
  await publishListVersion(db(), office, version.id)
  return version
}

beforeAll(async () => {
  env = await createTestEnv({ realData: true })
  police = await db().department.findUniqueOrThrow({ where: { name: '区公安分局' } })
  const e = await db().user.create({ data: { username: 'police-editor', displayName: '公安经办人', passwordHash: 'x', role: 'EDITOR', departmentId: police.id } })
  const o = await db().user.create({ data: { username: 'office', displayName: '审改办张三', passwordHash: 'x', role: 'REFORM_OFFICE' } })
  editor = { id: e.id, username: e.displayName, role: 'EDITOR', departmentId: police.id }
  office = { id: o.id, username: o.displayName, role: 'REFORM_OFFICE', departmentId: null }
})
afterAll(async () => { await env.close() })

describe('who changed this record', () => {
  it('a draft submitted, approved and published: every step names the item', async () => {
    const passport = await db().powerItem.findFirstOrThrow({ where: { name: '普通护照签发' } })
    const { id } = await createDraft(db(), editor, police.id, draft({ action: 'UPDATE', entityId: passport.id, payload: itemFields(passport, { timeLimit: '7个工作日' }) }))
    await submitDraft(db(), editor, id, '护照签发时限压缩')
    const version = await approveAndPublish([id], '广安审改〔2026〕11号')

    expect(await storyOf('POWER_ITEM', passport.id)).toEqual([
      'import.items system',
      'draft.create 公安经办人',
      'draft.submit 公安经办人',
      'review.approve 审改办张三',
      'version.create 审改办张三',
      'version.publish 审改办张三',
    ])
    // Searching by name or by code finds the same entries.
    const byName = await queryAudit(db(), { q: '普通护照签发' }, 1, 100)
    const byCode = await queryAudit(db(), { q: passport.code.slice(-8).toLowerCase() }, 1, 100)
    expect(byName.total).toBe(6)
    expect(byCode.items.map((e) => e.seq)).toEqual(byName.items.map((e) => e.seq))
    expect(byName.items[0]!.records).toEqual([{ entityType: 'POWER_ITEM', entityId: passport.id, code: passport.code, name: '普通护照签发' }])

    const story = await recordStory(db(), 'POWER_ITEM', passport.id)
    expect(story.find((e) => e.action === 'draft.submit')).toMatchObject({ actorName: '公安经办人', role: 'EDITOR', department: '区公安分局', reason: '护照签发时限压缩', listVersion: { id: version.id } })
    expect(story.find((e) => e.action === 'review.approve')).toMatchObject({ actorName: '审改办张三', documentNo: '广安审改〔2026〕11号', listVersion: { id: version.id, title: '广安审改〔2026〕11号批次' } })
  })

  it('a publication says what it published, instead of every field becoming empty', async () => {
    const [entry] = (await queryAudit(db(), { action: 'version.publish' }, 1, 1)).items
    const changed = Object.fromEntries(entry!.changes.map((c) => [c.field, [c.before, c.after]]))
    expect(Object.keys(changed).sort()).toEqual(['changes', 'publishedAt', 'status'])
    expect(changed.status).toEqual(['DRAFT', 'PUBLISHED'])
    expect(changed.changes![1]).toEqual([expect.objectContaining({ entityType: 'POWER_ITEM', action: 'UPDATE', name: '普通护照签发', department: '区公安分局', documentNo: '广安审改〔2026〕11号' })])
  })

  it('a spreadsheet import and a batch decision name each record', async () => {
    const items = await db().powerItem.findMany({ where: { departmentId: police.id, status: 'IN_FORCE', name: { not: '普通护照签发' } }, orderBy: { code: 'asc' }, skip: 5, take: 2 })
    const csv = csvOf([HEADER, ...items.map((i) => row(i.code, { 事项名称: i.name, 事项类型: '行政许可', 承诺时限: '3个工作日' }))])
    const report = await importSheet(db(), 'power', editor, police.id, { name: '批量修改.csv', data: Buffer.from(csv) }, { dryRun: false })
    expect(report.imported).toBe(true)
    const ids = report.rows.map((r) => r.changeRequestId!).filter(Boolean)
    expect(ids).toHaveLength(2)
    for (const id of ids) await submitDraft(db(), editor, id, '统一压缩承诺时限')
    await decideBatch(db(), office, ids, { outcome: 'APPROVED', documentNo: '广安审改〔2026〕12号', effectiveDate: today, comment: null })

    for (const item of items) {
      const story = await storyOf('POWER_ITEM', item.id)
      expect(story).toEqual(['import.items system', 'draft.create 公安经办人', 'draft.import 公安经办人', 'draft.submit 公安经办人', 'review.approve 审改办张三'])
    }
  })

  it('a version published on a later date names what it applied, under the system', async () => {
    const duty = await db().duty.findFirstOrThrow({ where: { departmentId: police.id, kind: 'DEPARTMENT_DUTY' }, include: { accountabilityCases: true } })
    const { id } = await createDraft(db(), editor, police.id, draft({ entityType: 'DUTY', action: 'UPDATE', entityId: duty.id, payload: { kind: duty.kind, title: `${duty.title}（修订）`, content: duty.content, basis: duty.basis, powerItemId: null, cases: [] } }))
    await submitDraft(db(), editor, id, '职责表述修订')
    const later = '2099-01-02'
    await decide(db(), office, id, { outcome: 'APPROVED', documentNo: '广安审改〔2099〕1号', effectiveDate: later, comment: null })
    const version = await createListVersion(db(), office, { title: '2099年第1批调整', documentNo: '广安审改〔2099〕1号', effectiveDate: later, changeRequestIds: [id] })
    expect((await publishListVersion(db(), office, version.id)).status).toBe('SCHEDULED')
    expect((await applyDueVersions(db(), new Date('2099-01-02T02:00:00Z'))).applied).toEqual([version.id])

    expect(await storyOf('DUTY', duty.id)).toEqual([
      'import.items system', 'draft.create 公安经办人', 'draft.submit 公安经办人', 'review.approve 审改办张三',
      'version.create 审改办张三', 'version.schedule 审改办张三', 'version.apply system',
    ])
    const apply = (await queryAudit(db(), { action: 'version.apply' }, 1, 1)).items[0]!
    expect(apply.records).toEqual([{ entityType: 'DUTY', entityId: duty.id, code: duty.code, name: `${duty.title}（修订）` }])
  })

  it('a record proposed by a draft is found by its code before it exists, and by its id after', async () => {
    const { id } = await createDraft(db(), editor, police.id, draft({ action: 'ADD', payload: { code: 'NEW-AUDIT-1', name: '无人机飞行备案', type: 'OTHER_POWER' } }))
    await submitDraft(db(), editor, id, '新增低空飞行管理事项')
    expect((await queryAudit(db(), { q: 'NEW-AUDIT-1' }, 1, 10)).total).toBe(2)
    await approveAndPublish([id], '广安审改〔2026〕13号')
    const added = await db().powerItem.findUniqueOrThrow({ where: { code: 'NEW-AUDIT-1' } })
    expect(await storyOf('POWER_ITEM', added.id)).toEqual([
      'draft.create 公安经办人', 'draft.submit 公安经办人', 'review.approve 审改办张三', 'version.create 审改办张三', 'version.publish 审改办张三',
    ])
  })

  it('filtering by list finds the entries that name its records, and the export lists them', async () => {
    const byList = await queryAudit(db(), { entityType: 'POWER_ITEM' }, 1, 200)
    expect(byList.items.some((e) => e.action === 'draft.submit')).toBe(true)
    expect(byList.items.every((e) => e.entityType === 'POWER_ITEM' || e.records.some((r) => r.entityType === 'POWER_ITEM'))).toBe(true)
    const file = await auditDownload(db(), { q: '普通护照签发' }, 'csv')
    const { rows } = csvRecords(String(file.body))
    expect(rows).toHaveLength(6)
    expect(rows.every((r) => r['涉及记录']!.includes('普通护照签发'))).toBe(true)
    const importEntry = (await queryAudit(db(), { action: 'import.items' }, 1, 1)).items[0]!
    expect(importEntry.recordCount).toBeGreaterThan(1135)
    expect(importEntry.records).toHaveLength(20)
  })

  it('keeps the chain verifiable, and notices a record slipped into an entry', async () => {
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true })
    const sql = new pg.Client({ connectionString: env.config.databaseUrl })
    await sql.connect()
    try {
      const { rows: [entry] } = await sql.query<{ seq: string }>(`SELECT seq FROM "AuditEntry" WHERE action = 'draft.submit' ORDER BY seq LIMIT 1`)
      await sql.query(`INSERT INTO "AuditEntryRecord" (seq, "entityType", "entityId", code, name) VALUES (${entry!.seq}, 'POWER_ITEM', 1, 'X', '伪造')`)
      expect(await verifyAuditChain(db())).toMatchObject({ ok: false, firstBad: { seq: entry!.seq, problem: expect.stringContaining('edited') } })
      await expect(sql.query(`DELETE FROM "AuditEntryRecord" WHERE name = '伪造'`)).rejects.toThrow(/append-only/)
    } finally {
      await sql.end()
    }
  })
})

describe('entries written before records were named', () => {
  it('get their records from the migration, which the chain does not cover', async () => {
    const dir = path.resolve('prisma/migrations')
    const migrations = (await readdir(dir, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort()
    const mine = migrations.findIndex((m) => m.endsWith('_audit_entry_records'))
    const url = await createDatabase()
    const sql = new pg.Client({ connectionString: url })
    await sql.connect()
    try {
      for (const m of migrations.slice(0, mine)) await sql.query(await readFile(path.join(dir, m, 'migration.sql'), 'utf8'))
      // An editor's draft of an item and its audit entry, as the portal wrote them before.
      await sql.query(`INSERT INTO "Department" (id, code, name, "areaCode", "updatedAt") VALUES (1, 'D1', '区公安分局', '511602', now())`)
      await sql.query(`INSERT INTO "User" (id, username, "displayName", "passwordHash", role, "departmentId", "updatedAt") VALUES (1, 'e', '经办人', 'x', 'EDITOR', 1, now())`)
      await sql.query(`INSERT INTO "PowerItem" (id, code, name, type, "departmentId", "updatedAt") VALUES (7, 'P7', '普通护照签发', 'LICENSING', 1, now())`)
      await sql.query(`INSERT INTO "ChangeRequest" (id, "entityType", "entityId", action, "departmentId", "authorId", payload, "updatedAt") VALUES (3, 'POWER_ITEM', 7, 'CANCEL', 1, 1, '{}', now())`)
      const content: HashedContent = { seq: BigInt(1), at: new Date('2026-11-01T02:00:00Z'), actorId: 1, actorName: '经办人', role: 'EDITOR', departmentId: 1, action: 'draft.create', entityType: 'CHANGE_REQUEST', entityId: '3', before: null, after: null, reason: null, documentNo: null, requestId: null, prevHash: '0'.repeat(64) }
      await sql.query(`INSERT INTO "AuditEntry" (seq, at, "actorId", "actorName", role, "departmentId", action, "entityType", "entityId", "prevHash", hash) VALUES (1, $1, 1, '经办人', 'EDITOR', 1, 'draft.create', 'CHANGE_REQUEST', '3', $2, $3)`, [content.at, content.prevHash, entryHash(content)])
      for (const m of migrations.slice(mine)) await sql.query(await readFile(path.join(dir, m, 'migration.sql'), 'utf8'))
      expect((await sql.query(`SELECT seq::text, "entityType", "entityId", code, name, derived FROM "AuditEntryRecord"`)).rows)
        .toEqual([{ seq: '1', entityType: 'POWER_ITEM', entityId: 7, code: 'P7', name: '普通护照签发', derived: true }])
    } finally {
      await sql.end()
    }
    const old = await openDatabase(testConfig(url))
    try {
      expect(await verifyAuditChain(old.prisma)).toEqual({ ok: true, entries: 1 })
      expect((await queryAudit(old.prisma, { entityType: 'POWER_ITEM', entityId: '7' }, 1, 10)).total).toBe(1)
    } finally {
      await old.close()
    }
  })
})
