// Loading the real data: departments, items, demo content and dictionary, idempotently, and
// refusing a malformed file whole; a city's own file without the demo content.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { importItems } from '../../prisma/seed/import-items'
import { ImportFileError } from '../../prisma/seed/source-file'
import { dutySnapshot, fundSnapshot, powerItemSnapshot } from '../../server/services/lists/snapshots'
import { readDataFiles } from '../../scripts/lib/runtime'
import { createTestEnv, type TestEnv } from '../helpers/services'

let env: TestEnv
let files: Awaited<ReturnType<typeof readDataFiles>>

beforeAll(async () => {
  env = await createTestEnv()
  files = await readDataFiles()
})
afterAll(async () => { await env.close() })

async function counts() {
  const db = env.db.prisma
  return {
    departments: await db.department.count(),
    items: await db.powerItem.count(),
    duties: await db.duty.count(),
    funds: await db.specialFund.count(),
    synonyms: await db.synonym.count(),
    audit: await db.auditEntry.count(),
    versions: await db.listVersion.count(),
    outbox: await db.searchOutbox.count(),
  }
}

describe('importing the real data', () => {
  it('refuses a malformed file, naming the record and field, and writes nothing', async () => {
    const records = JSON.parse(files.itemsText) as Record<string, unknown>[]
    records[41] = { ...records[41], typeCode: '99' }
    delete records[99]!.name
    await expect(importItems(env.db.prisma, { ...files, itemsText: JSON.stringify(records) })).rejects.toThrow(ImportFileError)
    const error = await importItems(env.db.prisma, { ...files, itemsText: JSON.stringify(records) }).then(() => new Error('imported'), (e: Error) => e)
    expect(error.message).toContain('record 42, field typeCode')
    expect(error.message).toContain('record 100, field name')
    expect(error.message).toContain('nothing was imported')
    expect(await counts()).toMatchObject({ departments: 0, items: 0, duties: 0, audit: 0, outbox: 0 })
  })

  it('refuses a file that repeats an item code or is not JSON', async () => {
    const records = JSON.parse(files.itemsText) as Record<string, unknown>[]
    records.push({ ...records[0] })
    await expect(importItems(env.db.prisma, { ...files, itemsText: JSON.stringify(records) })).rejects.toThrow(/record 1136, field itemCode: .* repeats record 1/)
    await expect(importItems(env.db.prisma, { ...files, itemsText: '[{"department": ' })).rejects.toThrow(/not valid JSON/)
    expect((await counts()).items).toBe(0)
  })

  it('loads 34 departments and 1,135 items with demo content, searchable through the outbox', async () => {
    const report = await importItems(env.db.prisma, files)
    expect(report.departments.created).toBe(34)
    expect(report.items.created).toBe(1135)
    expect(report.duties.created).toBeGreaterThan(700)
    expect(report.funds.created).toBeGreaterThan(20)
    expect(report.dictionary.created).toBeGreaterThan(100)
    const db = env.db.prisma
    const passport = await db.powerItem.findFirstOrThrow({ where: { name: '普通护照签发' }, include: { department: true, duties: { include: { accountabilityCases: true } } } })
    expect(passport.department.name).toBe('区公安分局')
    expect(passport.type).toBe('LICENSING')
    expect(passport.duties[0]!.isDemo).toBe(true)
    expect(passport.duties[0]!.accountabilityCases.length).toBeGreaterThan(0)
    // Public services (type 20) are in the same table, not on the power list.
    expect(await db.powerItem.count({ where: { type: 'PUBLIC_SERVICE' } })).toBe(348)
    // Every record the search shows got its outbox row in the import's transaction.
    expect(await db.searchOutbox.count({ where: { entityType: 'POWER_ITEM' } })).toBe(1135)
    expect(await db.recordVersion.count({ where: { entityType: 'POWER_ITEM' } })).toBe(1135)
    expect(await db.auditEntry.count({ where: { action: 'import.items' } })).toBe(1)
    // The first load is published as a list version with its announcement.
    const version = await db.listVersion.findFirstOrThrow({ include: { announcement: true } })
    expect(version).toMatchObject({ status: 'PUBLISHED', batch: 1 })
    expect(version.announcement?.body).toContain('1135')
    expect(await db.recordVersion.count({ where: { listVersionId: version.id, entityType: 'POWER_ITEM' } })).toBe(1135)
    // Duties and funds start their history with the same publication.
    expect(await db.recordVersion.count({ where: { entityType: 'DUTY' } })).toBe(report.duties.created)
    expect(await db.recordVersion.count({ where: { entityType: 'SPECIAL_FUND' } })).toBe(report.funds.created)
  })

  it('changes nothing when run a second time', async () => {
    const before = await counts()
    const report = await importItems(env.db.prisma, files)
    expect(report.items).toEqual({ created: 0, existing: 1135, differing: 0 })
    expect(report.departments.created + report.duties.created + report.funds.created + report.dictionary.created).toBe(0)
    expect(await counts()).toEqual(before)
  })

  it('starts every record\'s history with the record exactly as it was stored', async () => {
    const db = env.db.prisma
    const first = new Map((await db.recordVersion.findMany({ where: { revision: 1 } })).map((v) => [`${v.entityType}:${v.entityId}`, v.data]))
    const asJson = (snapshot: unknown) => JSON.parse(JSON.stringify(snapshot)) as unknown
    for (const item of await db.powerItem.findMany({ include: { department: { select: { name: true } } } })) {
      expect(first.get(`POWER_ITEM:${item.id}`), item.code).toEqual(asJson(powerItemSnapshot(item)))
    }
    for (const duty of await db.duty.findMany({ include: { accountabilityCases: true } })) {
      expect(first.get(`DUTY:${duty.id}`), duty.code).toEqual(asJson(dutySnapshot(duty)))
    }
    for (const fund of await db.specialFund.findMany({ include: { allocations: true } })) {
      expect(first.get(`SPECIAL_FUND:${fund.id}`), fund.code).toEqual(asJson(fundSnapshot(fund)))
    }
    // Everyday names are a list per item (written as one array parameter per column).
    expect((await db.powerItem.findFirstOrThrow({ where: { name: '无犯罪记录证明' } })).aliases).toContain('良民证')
    // Stored as Prisma stores them: in UTC, to the millisecond.
    const item = await db.powerItem.findFirstOrThrow()
    expect(Math.abs(item.publishedAt.getTime() - Date.now())).toBeLessThan(10 * 60_000)
    expect(item.updatedAt.getTime()).toBe(item.publishedAt.getTime())
  })

  it('keeps every fund allocation summing to the fund', async () => {
    const funds = await env.db.prisma.specialFund.findMany({ include: { allocations: true } })
    for (const fund of funds) {
      const sum = fund.allocations.reduce((s, a) => s + Math.round(Number(a.amount) * 100), 0)
      expect(sum, fund.name).toBe(Math.round(Number(fund.amount) * 100))
    }
  })
})

describe('a city loading its own file', () => {
  let city: TestEnv
  beforeAll(async () => { city = await createTestEnv() })
  afterAll(async () => { await city.close() })

  const demoCounts = async () => {
    const db = city.db.prisma
    return {
      duties: await db.duty.count(), boundaries: await db.dutyBoundary.count(), funds: await db.specialFund.count(),
      guides: await db.serviceGuide.count(), halls: await db.serviceHall.count(), lifeEvents: await db.lifeEvent.count(),
      referrals: await db.serviceReferral.count(), demoItems: await db.powerItem.count({ where: { hasDemoContent: true } }),
    }
  }

  it('gets its items, published, audited and queued for search, and nothing invented beside them', async () => {
    // `npm run db:import -- file.json`, as an operator runs it: a file other than the bundled one.
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'city-import-')), 'items.json')
    writeFileSync(file, files.itemsText)
    const out = execFileSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/import.ts', file], { env: { ...process.env, DATABASE_URL: city.config.databaseUrl }, encoding: 'utf8' })
    expect(out).toContain('1135')
    expect(out).not.toContain('示例')
    const db = city.db.prisma
    expect(await db.powerItem.count()).toBe(1135)
    expect(await demoCounts()).toEqual({ duties: 0, boundaries: 0, funds: 0, guides: 0, halls: 0, lifeEvents: 0, referrals: 0, demoItems: 0 })
    expect(await db.recordVersion.count({ where: { entityType: 'POWER_ITEM' } })).toBe(1135)
    expect(await db.recordVersion.count({ where: { entityType: { not: 'POWER_ITEM' } } })).toBe(0)
    expect(await db.searchOutbox.count()).toBe(1135)
    expect(await db.synonym.count()).toBeGreaterThan(100)
    const version = await db.listVersion.findFirstOrThrow({ include: { announcement: true } })
    expect(version.announcement?.body).toContain('1135')
    expect(version.announcement?.body).not.toContain('示例')
    const entry = await db.auditEntry.findFirstOrThrow({ where: { action: 'import.items' } })
    expect(await db.auditEntryRecord.count({ where: { seq: entry.seq } })).toBe(1135)
  })

  it('adds the demo content only when asked, leaving the items as they are', async () => {
    const db = city.db.prisma
    const items = await db.powerItem.findMany({ orderBy: { id: 'asc' }, select: { id: true, revision: true, updatedAt: true } })
    const report = await importItems(db, { ...files, demoContent: true })
    expect(report.items).toEqual({ created: 0, existing: 1135, differing: 0 })
    expect(report.duties.created).toBeGreaterThan(700)
    expect(report.guides.guides.created).toBe(1135)
    const counts = await demoCounts()
    expect(counts.guides).toBe(1135)
    expect(counts.funds).toBeGreaterThan(20)
    expect(await db.powerItem.findMany({ orderBy: { id: 'asc' }, select: { id: true, revision: true, updatedAt: true } })).toEqual(items)
  })
})
