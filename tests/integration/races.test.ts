// Check-then-insert races on the real PostgreSQL: several requests at once, each on a connection
// pool of its own as on several portal processes. The invariants hold in the database itself —
// one open change per record, one open proposal per new code, one batch number per version, no
// version without a change — and every loser of a race gets a 409 with a code, never a 500.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AuditActor } from '../../server/services/audit'
import { createDraft, createDraftIn, decide, submitDraft } from '../../server/services/workflow/change-requests'
import { createListVersion, publishListVersion } from '../../server/services/workflow/list-versions'
import { importSheet } from '../../server/services/import/spreadsheet'
import { WorkflowError } from '../../server/services/workflow/errors'
import { openDatabase, type Db, type DbHandle } from '../../server/utils/prisma'
import { createEditorAndOffice, createTestEnv, draft, powerItemFields, today, waitForLockWaiter, type TestEnv } from '../helpers/services'
import { csvOf, HEADER, row } from '../helpers/sheets'

/** As many as the requests of one burst from three portal processes. */
const RACERS = 8

let env: TestEnv
let handles: DbHandle[]
let editor: AuditActor & { id: number }
let office: AuditActor & { id: number }
let police: number
let counter = 0

const db = () => env.db.prisma
const fields = (name: string) => powerItemFields(name)
const fund = (code: string) => ({
  code, name: '2026年中小企业发展专项资金', year: 2026, amount: '300', legalBasis: '《广安区财政专项资金管理办法》', purpose: '支持中小企业技术改造。',
  recipients: '区内中小企业', allocationMethod: 'PROJECT', performanceTargets: '支持项目不少于20个。', periodStart: 2026, periodEnd: 2026, howToApply: '向区经信局申报。',
})
const open = { in: ['DRAFT', 'SUBMITTED', 'RETURNED', 'APPROVED'] as ('DRAFT' | 'SUBMITTED' | 'RETURNED' | 'APPROVED')[] }

async function newItem() {
  counter += 1
  return db().powerItem.create({ data: { code: `RACE-${counter}`, name: `竞争测试事项${counter}`, type: 'LICENSING', departmentId: police } })
}

async function approved(entityId: number) {
  const created = await createDraft(db(), editor, police, draft({ action: 'RETAIN', entityId }))
  await submitDraft(db(), editor, created.id, '按审改要求保留')
  await decide(db(), office, created.id, { outcome: 'APPROVED', documentNo: '广安审改〔2026〕7号', effectiveDate: today(), comment: null })
  return created.id
}

/** The same kind of request from every racer at once; what succeeded and how the others were refused. */
async function race<T>(work: (db: Db, i: number) => Promise<T>) {
  const settled = await Promise.allSettled(handles.map((h, i) => work(h.prisma, i)))
  const won = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []))
  const lost = settled.flatMap((s) => (s.status === 'rejected' ? [s.reason instanceof WorkflowError ? `${s.reason.status} ${s.reason.code}` : String(s.reason)] : []))
  return { won, lost }
}

beforeAll(async () => {
  env = await createTestEnv()
  handles = await Promise.all(Array.from({ length: RACERS }, () => openDatabase(env.config)))
  police = (await db().department.create({ data: { code: 'GA', name: '区公安分局', areaCode: '511602' } })).id
  ;({ editor, office } = await createEditorAndOffice(db(), police))
})
afterAll(async () => {
  await Promise.all((handles ?? []).map((h) => h.close()))
  await env?.close()
})

describe('drafts racing', () => {
  it('leave one open draft per item, the others refused with 409 OPEN_CHANGE_EXISTS', async () => {
    for (let round = 0; round < 3; round++) {
      const item = await newItem()
      const { won, lost } = await race((racer, i) => createDraft(racer, editor, police, draft({ action: 'UPDATE', entityId: item.id, payload: fields(`竞争修改${i}`) })))
      expect(won).toHaveLength(1)
      expect(lost).toEqual(Array(RACERS - 1).fill('409 OPEN_CHANGE_EXISTS'))
      expect(await db().changeRequest.count({ where: { entityId: item.id, status: open } })).toBe(1)
    }
  })

  it('leave one open proposal per new code, for funds and power items alike', async () => {
    for (const [entityType, payload] of [['SPECIAL_FUND', fund('RACE-FUND-1')], ['POWER_ITEM', { ...fields('竞争新增事项'), code: 'RACE-NEW-1' }]] as const) {
      const { won, lost } = await race((racer) => createDraft(racer, editor, police, draft({ entityType, action: 'ADD', payload })))
      expect(won).toHaveLength(1)
      expect(lost).toEqual(Array(RACERS - 1).fill('409 ITEM_CODE_TAKEN'))
      expect(await db().changeRequest.count({ where: { entityType, proposedCode: payload.code, status: open } })).toBe(1)
    }
  })

  it('let an import racing a manual draft of the same item fail with 409, leaving one open draft', async () => {
    const item = await newItem()
    let release!: () => void
    const held = new Promise<void>((resolve) => { release = resolve })
    let drafted!: () => void
    const inserted = new Promise<void>((resolve) => { drafted = resolve })
    // A manual draft in flight: inserted, not yet committed.
    const manual = handles[0]!.prisma.$transaction(async (tx) => {
      await createDraftIn(tx, editor, police, draft({ action: 'UPDATE', entityId: item.id, payload: fields('手工修改') }))
      drafted()
      await held
    })
    await inserted
    const file = { name: 'items.csv', data: Buffer.from(csvOf([HEADER, row(item.code, { 事项名称: '导入修改' })])) }
    const imported = importSheet(handles[1]!.prisma, 'power', editor, police, file, { dryRun: false }).then(() => 'imported', (e: WorkflowError) => `${e.status} ${e.code}`)
    // The import has checked the item and waits at its own insert for the draft in flight.
    await waitForLockWaiter(db())
    release()
    await manual
    expect(await imported).toBe('409 OPEN_CHANGE_EXISTS')
    expect(await db().changeRequest.findMany({ where: { entityId: item.id, status: open }, select: { payload: true } })).toEqual([{ payload: fields('手工修改') }])
  })
})

describe('list versions racing', () => {
  it('each get their own batch number, none answers 500', async () => {
    const changes: number[] = []
    for (let i = 0; i < RACERS; i++) changes.push(await approved((await newItem()).id))
    const { won, lost } = await race((racer, i) => createListVersion(racer, office, { title: `2027年竞争批次${i}`, documentNo: '广安审改〔2027〕1号', effectiveDate: '2027-03-01', changeRequestIds: [changes[i]!] }))
    expect(lost).toEqual([])
    expect(won.map((v) => v.batch).sort((a, b) => a - b)).toEqual(Array.from({ length: RACERS }, (_, i) => i + 1))
  })

  it('for the same change: one holds it, the others are refused with 409, and no empty version is left to publish', async () => {
    const change = await approved((await newItem()).id)
    const { won, lost } = await race((racer, i) => createListVersion(racer, office, { title: `2028年竞争批次${i}`, documentNo: '广安审改〔2028〕1号', effectiveDate: today(), changeRequestIds: [change] }))
    expect(won).toHaveLength(1)
    expect(lost).toEqual(Array(RACERS - 1).fill('409 NOT_APPROVED'))
    const versions = await db().listVersion.findMany({ include: { _count: { select: { decisions: true } } } })
    expect(versions.filter((v) => v._count.decisions === 0)).toEqual([])
    expect(await publishListVersion(db(), office, won[0]!.id)).toMatchObject({ status: 'PUBLISHED' })
    // Every announcement names at least one change under its heading.
    expect((await db().announcement.findMany()).filter((a) => a.body.split('\n').length < 2)).toEqual([])
  })
})
