// What an auditor and the reform office rely on: the log filtered and exported exactly as shown
// (formulas defused), the power list of a past date exported exactly as it stood, and the search
// dictionary edited with an audit trail and applied to Meilisearch through the outbox, even when
// Meilisearch is down at the moment of the change.
import { Meilisearch } from 'meilisearch'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { appendAudit, countAudit, queryAudit, type AuditActor } from '../../server/services/audit'
import { auditDownload, pointInTimeDownload } from '../../server/services/exports'
import { endOfCityDay, recordVersions } from '../../server/services/history'
import { getFund } from '../../server/services/lists/funds'
import { fundSnapshot } from '../../server/services/lists/snapshots'
import { listAsOf } from '../../server/services/point-in-time'
import { getPublishedPowerItem } from '../../server/services/lists/power-items'
import { createDraft, decide, submitDraft } from '../../server/services/workflow/change-requests'
import { applyDueVersions, createListVersion, publishListVersion } from '../../server/services/workflow/list-versions'
import { draftInputSchema } from '../../shared/drafts'
import { createSynonym, deleteSynonym, DictionaryError, getStopWords, listSynonyms, setStopWords, updateSynonym } from '../../server/services/search/dictionary'
import { drainAll, drainOnce, pendingCount } from '../../server/services/search/outbox'
import { searchItems } from '../../server/services/search/query'
import { applySearchSettings } from '../../server/services/search/settings'
import { freePort } from '../../scripts/lib/meilisearch-process'
import { searchQuerySchema } from '../../shared/search'
import { synonymQuerySchema } from '../../shared/synonyms'
import { csvRecords, xlsxRecords } from '../helpers/spreadsheets'
import { createTestEnv, type TestEnv } from '../helpers/services'

let env: TestEnv
let police: { id: number; name: string }
let civil: { id: number; name: string }
const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date())
const tomorrow = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + 86_400_000))

beforeAll(async () => {
  env = await createTestEnv({ realData: true })
  const db = env.db.prisma
  await applySearchSettings(db, env.meili, env.config.meiliIndex)
  await drainAll(db, env.meili, env.config.meiliIndex)
  police = await db.department.findUniqueOrThrow({ where: { name: '区公安分局' }, select: { id: true, name: true } })
  civil = await db.department.findUniqueOrThrow({ where: { name: '区民政局' }, select: { id: true, name: true } })
}, 240_000)
afterAll(async () => { await env.close() })

describe('the audit log as the auditor filters and exports it', () => {
  const policeEditor: AuditActor = { id: 901, username: '王警官', role: 'EDITOR', departmentId: 0 }
  const civilEditor: AuditActor = { id: 902, username: '李科员', role: 'EDITOR', departmentId: 0 }

  beforeAll(async () => {
    policeEditor.departmentId = police.id
    civilEditor.departmentId = civil.id
    await env.db.prisma.$transaction(async (tx) => {
      await appendAudit(tx, policeEditor, { action: 'draft.update', entityType: 'CHANGE_REQUEST', entityId: 1, before: { name: '旧名称', timeLimit: '10个工作日' }, after: { name: '新名称', timeLimit: '10个工作日' } })
      // What a hostile editor might type, hoping an auditor opens the export in a spreadsheet.
      await appendAudit(tx, policeEditor, { action: 'draft.update', entityType: 'CHANGE_REQUEST', entityId: 2, after: { name: '=HYPERLINK("http://evil.example","点我")' }, reason: '+SUM(1,2)' })
      await appendAudit(tx, civilEditor, { action: 'draft.submit', entityType: 'CHANGE_REQUEST', entityId: 3, reason: '按计划调整' })
      // More than one batch of the export reader, so "all pages" is really all of them.
      for (let i = 0; i < 1050; i++) await appendAudit(tx, civilEditor, { action: 'test.bulk', entityType: 'USER', entityId: i })
    }, { timeout: 120_000 })
  }, 180_000)

  it('filters by department, actor, action, entity and date range, and shows each change field by field', async () => {
    const db = env.db.prisma
    expect((await queryAudit(db, { departmentId: police.id }, 1, 50)).total).toBe(2)
    expect((await queryAudit(db, { actor: '李科' }, 1, 50)).total).toBe(1051)
    expect((await queryAudit(db, { action: 'draft.' }, 1, 50)).total).toBe(3)
    expect((await queryAudit(db, { action: 'draft.', departmentId: civil.id }, 1, 50)).items.map((e) => e.entityId)).toEqual(['3'])
    expect((await queryAudit(db, { entityType: 'USER', actor: '李科员' }, 1, 50)).total).toBe(1050)
    expect((await queryAudit(db, { from: today, to: today, departmentId: police.id }, 1, 50)).total).toBe(2)
    expect((await queryAudit(db, { from: tomorrow }, 1, 50)).total).toBe(0)

    const page = await queryAudit(db, { departmentId: police.id }, 1, 50)
    expect(page.items.map((e) => e.entityId)).toEqual(['2', '1'])
    expect(page.items[1]!.changes).toEqual([{ field: 'name', before: '旧名称', after: '新名称' }])
    expect(page.items[0]!.changes).toEqual([{ field: 'name', before: null, after: '=HYPERLINK("http://evil.example","点我")' }])
  })

  it('exports every page of what the filter shows as CSV, newest first, with formulas defused', async () => {
    const filter = { actor: '科员' }
    const total = await countAudit(env.db.prisma, filter)
    expect(total).toBe(1051)
    const download = await auditDownload(env.db.prisma, filter, 'csv')
    expect(download.contentType).toBe('text/csv; charset=utf-8')
    expect(download.fileName).toMatch(/^审计日志-\d{4}-\d{2}-\d{2}\.csv$/)
    const { header, rows } = csvRecords(download.body as string)
    expect(header).toEqual(['序号', '时间', '操作人', '角色', '部门', '操作', '对象类型', '对象编号', '涉及记录', '变更字段', '变更前', '变更后', '原因', '文号', '请求编号', '哈希'])
    expect(rows).toHaveLength(total)
    const seqs = rows.map((r) => Number(r['序号']))
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a))
    expect(rows.at(-1)).toMatchObject({ 操作人: '李科员', 角色: '部门经办人', 部门: '区民政局', 操作: 'draft.submit', 对象类型: '变更申请', 原因: '按计划调整' })

    const hostile = csvRecords((await auditDownload(env.db.prisma, { departmentId: police.id }, 'csv')).body as string).rows
    expect(hostile.map((r) => r['对象编号'])).toEqual(['2', '1'])
    expect(hostile[0]!['原因']).toBe("'+SUM(1,2)")
    expect(hostile[0]!['变更后']).toBe('{"name":"=HYPERLINK(\\"http://evil.example\\",\\"点我\\")"}')
    expect(hostile[1]).toMatchObject({ 变更字段: '名称', 部门: '区公安分局' })
  })

  it('exports the same entries as an Excel workbook, in which no cell is a formula', async () => {
    const download = await auditDownload(env.db.prisma, { departmentId: police.id }, 'xlsx')
    expect(download.fileName).toMatch(/\.xlsx$/)
    const { rows, types } = await xlsxRecords(download.body as Buffer)
    expect(rows.map((r) => r['对象编号'])).toEqual(['2', '1'])
    expect(rows[0]!['原因']).toBe("'+SUM(1,2)")
    expect(rows[0]!['序号']).toBeTypeOf('number')
    const { ValueType } = (await import('exceljs')).default
    expect(types).not.toContain(ValueType.Formula)
    expect((await xlsxRecords((await auditDownload(env.db.prisma, { action: 'test.bulk' }, 'xlsx')).body as Buffer)).rows).toHaveLength(1050)
  })
})

describe('the power list of a past date as a file', () => {
  it('holds exactly the records the history API gives, in CSV and in Excel', async () => {
    const db = env.db.prisma
    const at = endOfCityDay(today)
    const expected = (await listAsOf(db, { list: 'power', query: { date: today, dept: police.id } }, at)).records
    expect(expected.length).toBeGreaterThan(10)
    const csv = await pointInTimeDownload(db, { list: 'power', query: { date: today, dept: police.id } }, 'csv')
    expect(csv.fileName).toBe(`权力清单-区公安分局-${today}.csv`)
    const { rows } = csvRecords(csv.body as string)
    expect(rows.map((r) => [r['事项编码'], r['事项名称'], r['实施主体'], r['版本']])).toEqual(expected.map((s) => [s.record.code, (s.snapshot as { name: string }).name, '区公安分局', String(s.revision)]))

    const xlsx = await xlsxRecords((await pointInTimeDownload(db, { list: 'power', query: { date: today, dept: police.id } }, 'xlsx')).body as Buffer)
    expect(xlsx.rows.map((r) => r['事项编码'])).toEqual(expected.map((s) => s.record.code))

    const licensing = (await listAsOf(db, { list: 'power', query: { date: today, type: 'LICENSING' } }, at)).records
    const typed = csvRecords((await pointInTimeDownload(db, { list: 'power', query: { date: today, type: 'LICENSING' } }, 'csv')).body as string).rows
    expect(typed.map((r) => r['事项编码'])).toEqual(licensing.map((s) => s.record.code))
    expect(new Set(typed.map((r) => r['事项类型']))).toEqual(new Set(['行政许可']))
    // Before anything was published the list was empty, and the file says so.
    expect(csvRecords((await pointInTimeDownload(db, { list: 'power', query: { date: '2000-01-01' } }, 'csv')).body as string).rows).toEqual([])
  })
})

describe('the public history of an item', () => {
  it('names the fields each published version changed, and never who changed them', async () => {
    const db = env.db.prisma
    const e = await db.user.create({ data: { username: 'history-editor', displayName: '经办人甲', passwordHash: 'x', role: 'EDITOR', departmentId: police.id } })
    const o = await db.user.create({ data: { username: 'history-office', displayName: '审改办乙', passwordHash: 'x', role: 'REFORM_OFFICE' } })
    const editor = { id: e.id, username: e.displayName, role: 'EDITOR' as const, departmentId: police.id }
    const office = { id: o.id, username: o.displayName, role: 'REFORM_OFFICE' as const, departmentId: null }
    const item = await db.powerItem.findFirstOrThrow({ where: { departmentId: police.id, type: 'LICENSING', status: 'IN_FORCE' }, orderBy: { id: 'asc' } })
    const draft = await createDraft(db, editor, police.id, draftInputSchema.parse({ action: 'UPDATE', entityId: item.id, payload: { name: `${item.name}（调整后）`, aliases: item.aliases, type: 'LICENSING', timeLimit: '3个工作日' } }))
    await submitDraft(db, editor, draft.id, '压缩时限')
    await decide(db, office, draft.id, { outcome: 'APPROVED', documentNo: '广安审改〔2027〕9号', effectiveDate: '2027-05-01', comment: null })
    const version = await createListVersion(db, office, { title: '2027年第9批调整', documentNo: '广安审改〔2027〕9号', effectiveDate: '2027-05-01', changeRequestIds: [draft.id] })
    await publishListVersion(db, office, version.id, new Date('2027-04-01T00:00:00Z'))
    await applyDueVersions(db, new Date('2027-05-01T00:00:00Z'))

    const view = (await getPublishedPowerItem(db, item.code))!
    expect(view.history.map((h) => h.changedFields)).toEqual([[], ['name', 'timeLimit']])
    expect(view.history.at(-1)!.changes).toEqual([{ field: 'name', before: item.name, after: `${item.name}（调整后）` }, { field: 'timeLimit', before: item.timeLimit, after: '3个工作日' }])
    expect(view.history.at(-1)).toMatchObject({ action: 'UPDATE', documentNo: '广安审改〔2027〕9号' })
    expect(JSON.stringify(view.history)).not.toMatch(/经办人甲|审改办乙/)

    // The file of a date before the change holds the old name; the file of a date after it, the new one.
    const nameOn = async (date: string) => csvRecords((await pointInTimeDownload(db, { list: 'power', query: { date, dept: police.id } }, 'csv')).body as string).rows.find((r) => r['事项编码'] === item.code)?.['事项名称']
    expect(await nameOn('2027-04-30')).toBe(item.name)
    expect(await nameOn('2027-05-01')).toBe(`${item.name}（调整后）`)
  })
})

describe('the public history of a special fund', () => {
  it('shows on the fund\'s public page what each published version changed and on which document, never who', async () => {
    const db = env.db.prisma
    const fund = await db.specialFund.findFirstOrThrow({ orderBy: { id: 'asc' } })
    await db.$transaction(async (tx) => {
      const changed = await tx.specialFund.update({ where: { id: fund.id }, data: { purpose: '调整后的用途', revision: { increment: 1 } }, include: { allocations: true } })
      await recordVersions(tx, 'SPECIAL_FUND', [{ entityId: changed.id, revision: changed.revision, data: fundSnapshot(changed) }], { action: 'UPDATE', at: new Date('2027-06-01T00:00:00Z'), documentNo: '广安财〔2027〕6号' })
    })
    const view = (await getFund(db, fund.code))!
    expect(view.history.map((h) => [h.action, h.documentNo, h.changedFields])).toEqual([['ADD', null, []], ['UPDATE', '广安财〔2027〕6号', ['purpose']]])
    expect(Object.keys(view.history[1]!).sort()).toEqual(['action', 'changedFields', 'changes', 'documentNo', 'reason', 'revision', 'validFrom'])
    expect(view.history[1]!.changes).toEqual([{ field: 'purpose', before: fund.purpose, after: '调整后的用途' }])
  })
})

describe('the search dictionary', () => {
  const office: AuditActor = { id: 903, username: '审改办小张', role: 'REFORM_OFFICE', departmentId: null }
  /** The names of the items a citizen's query finds (the hit names come as highlighted parts). */
  const search = async (q: string) => (await searchItems(env.meili, env.db.prisma, env.config.meiliIndex, searchQuerySchema.parse({ q }))).hits.map((h) => h.name.map((part) => part.text).join(''))
  const lastAudit = async () => (await queryAudit(env.db.prisma, { actor: office.username }, 1, 1)).items[0]!

  it('is listed and filtered by a word of the term, a target or the note', async () => {
    const all = await listSynonyms(env.db.prisma, synonymQuerySchema.parse({}))
    expect(all.total).toBeGreaterThan(500)
    const found = await listSynonyms(env.db.prisma, synonymQuerySchema.parse({ q: '护照' }))
    expect(found.total).toBeGreaterThan(0)
    expect(found.items.every((s) => s.term.includes('护照') || s.targets.some((t) => t.includes('护照')) || s.note?.includes('护照'))).toBe(true)
    const colloquial = await listSynonyms(env.db.prisma, synonymQuerySchema.parse({ kind: 'COLLOQUIAL', pageSize: 200 }))
    expect(colloquial.items.every((s) => s.kind === 'COLLOQUIAL')).toBe(true)
  })

  it('audits every change with before and after, and refuses a term that exists with 409', async () => {
    const db = env.db.prisma
    const created = await createSynonym(db, office, { term: '审计测试词', targets: ['护照'], kind: 'COLLOQUIAL', note: null })
    expect(await lastAudit()).toMatchObject({ action: 'synonym.create', entityType: 'SYNONYM', entityId: String(created.id), role: 'REFORM_OFFICE', before: null, after: { term: '审计测试词', targets: ['护照'], kind: 'COLLOQUIAL' } })

    await expect(createSynonym(db, office, { term: '审计测试词', targets: ['户口'], kind: 'SYNONYM', note: null })).rejects.toMatchObject({ status: 409, code: 'TERM_EXISTS' })
    await expect(createSynonym(db, office, { term: '审计测试词', targets: ['户口'], kind: 'SYNONYM', note: null })).rejects.toBeInstanceOf(DictionaryError)

    await updateSynonym(db, office, created.id, { targets: ['护照', '通行证'] })
    const update = await lastAudit()
    expect(update).toMatchObject({ action: 'synonym.update', before: { targets: ['护照'] }, after: { targets: ['护照', '通行证'] } })
    expect(update.changes.map((c) => c.field)).toEqual(['targets'])
    const other = (await listSynonyms(db, synonymQuerySchema.parse({ pageSize: 1 }))).items[0]!
    await expect(updateSynonym(db, office, created.id, { term: other.term })).rejects.toMatchObject({ status: 409, code: 'TERM_EXISTS' })

    await deleteSynonym(db, office, created.id)
    expect(await lastAudit()).toMatchObject({ action: 'synonym.delete', entityId: String(created.id), before: { term: '审计测试词' }, after: null })
    await expect(deleteSynonym(db, office, created.id)).rejects.toMatchObject({ status: 404 })

    const stopWords = await getStopWords(db)
    await setStopWords(db, office, [...stopWords, '审计停用词'])
    expect(await lastAudit()).toMatchObject({ action: 'setting.update', entityType: 'SETTING', entityId: 'search.stopWords', before: { stopWords }, after: { stopWords: [...stopWords, '审计停用词'] } })
    await setStopWords(db, office, stopWords)
  })

  it('reaches Meilisearch through the outbox: a new colloquial term finds the item once the outbox is drained', async () => {
    const db = env.db.prisma
    await drainAll(db, env.meili, env.config.meiliIndex)
    const term = '翠鸟飞飞'
    expect(await search(term)).not.toContain('普通护照签发')
    await createSynonym(db, office, { term, targets: ['普通护照'], kind: 'COLLOQUIAL', note: '市民热线常见说法' })
    expect(await db.searchOutbox.count({ where: { processedAt: null, entityType: 'SYNONYM', entityId: 0 } })).toBe(1)
    expect(await search(term)).not.toContain('普通护照签发')
    await drainAll(db, env.meili, env.config.meiliIndex)
    expect(await pendingCount(db)).toBe(0)
    expect(await search(term)).toContain('普通护照签发')
  })

  it('keeps a change made while Meilisearch is unreachable pending, and applies it when Meilisearch answers', async () => {
    const db = env.db.prisma
    const down = new Meilisearch({ host: `http://127.0.0.1:${await freePort()}`, apiKey: 'x', timeout: 500 })
    const term = '青蛙跳跳'
    await createSynonym(db, office, { term, targets: ['普通护照'], kind: 'COLLOQUIAL', note: null })
    const result = await drainOnce(db, down, env.config.meiliIndex)
    expect(result).toMatchObject({ applied: 0, failed: 1 })
    expect(await pendingCount(db)).toBe(1)
    expect((await db.searchOutbox.findFirstOrThrow({ where: { processedAt: null } })).lastError).toBeTruthy()
    expect(await search(term)).not.toContain('普通护照签发')

    // Meilisearch is back and the row's backoff has passed.
    await db.searchOutbox.updateMany({ where: { processedAt: null }, data: { nextAttemptAt: new Date() } })
    await drainAll(db, env.meili, env.config.meiliIndex)
    expect(await pendingCount(db)).toBe(0)
    expect(await search(term)).toContain('普通护照签发')
  })
})
