// The three published lists as the public pages and API read them, over the real data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { listPowerItems } from '../../server/services/lists/power-list'
import { listBoundaries, listDuties } from '../../server/services/lists/duties'
import { getFund, listFunds } from '../../server/services/lists/funds'
import { getDepartment, listDepartments } from '../../server/services/lists/departments'
import { getAnnouncement, listAnnouncements } from '../../server/services/lists/announcements'
import { publishedVersions } from '../../server/services/open-data/versions'
import { listVersions } from '../../server/services/workflow/queries'
import { announcementQuerySchema, boundaryListQuerySchema, dutyListQuerySchema, fundListQuerySchema, powerListQuerySchema } from '../../shared/lists'
import { createTestEnv, type TestEnv } from '../helpers/services'

let env: TestEnv
let police: { id: number; code: string; name: string }
const db = () => env.db.prisma

beforeAll(async () => {
  env = await createTestEnv({ realData: true })
  police = await env.db.prisma.department.findUniqueOrThrow({ where: { name: '区公安分局' }, select: { id: true, code: true, name: true } })
})
afterAll(async () => { await env.close() })

describe('the power list', () => {
  it('lists the 787 powers of types 01-10 by default, and the 348 public services when asked', async () => {
    const all = await listPowerItems(db(), powerListQuerySchema.parse({}))
    expect(all.total).toBe(787)
    expect(all.items).toHaveLength(50)
    expect(all.items.every((i) => i.type !== 'PUBLIC_SERVICE')).toBe(true)
    expect(all.filters.type.find((t) => t.value === 'PUBLIC_SERVICE')?.count).toBe(348)
    expect((await listPowerItems(db(), powerListQuerySchema.parse({ type: 'PUBLIC_SERVICE' }))).total).toBe(348)
  })

  it('pages through every item exactly once', async () => {
    const query = powerListQuerySchema.parse({ pageSize: '200' })
    const first = await listPowerItems(db(), query)
    expect(first.pageCount).toBe(4)
    const codes = new Set(first.items.map((i) => i.code))
    for (let page = 2; page <= first.pageCount; page++) {
      for (const item of (await listPowerItems(db(), { ...query, page })).items) codes.add(item.code)
    }
    expect(codes.size).toBe(787)
    expect((await listPowerItems(db(), { ...query, page: 5 })).items).toEqual([])
  })

  it('filters by department and type, with counts that add up to what the filter shows', async () => {
    const licensing = await listPowerItems(db(), powerListQuerySchema.parse({ dept: String(police.id), type: 'LICENSING', pageSize: '200' }))
    expect(licensing.total).toBeGreaterThan(0)
    expect(licensing.items.map((i) => i.name)).toContain('普通护照签发')
    expect(licensing.items.every((i) => i.department.name === '区公安分局' && i.type === 'LICENSING' && i.typeCode === '01')).toBe(true)
    expect(licensing.filters.dept.find((d) => d.value === String(police.id))).toMatchObject({ label: '区公安分局', count: licensing.total })
    const byType = await listPowerItems(db(), powerListQuerySchema.parse({ dept: String(police.id) }))
    const powerTypes = byType.filters.type.filter((t) => t.value !== 'PUBLIC_SERVICE')
    expect(powerTypes.reduce((sum, t) => sum + t.count, 0)).toBe(byType.total)
    // Selecting two types gives both.
    const other = powerTypes.find((t) => t.value !== 'LICENSING')!
    const two = await listPowerItems(db(), powerListQuerySchema.parse({ dept: String(police.id), type: ['LICENSING', other.value] }))
    expect(two.total).toBe(licensing.total + other.count)
  })

  it('keeps a cancelled item on the list, marked cancelled with its document', async () => {
    const passport = await db().powerItem.update({
      where: { code: (await db().powerItem.findFirstOrThrow({ where: { name: '普通护照签发' } })).code },
      data: { status: 'CANCELLED', statusDocumentNo: '广安区府发〔2026〕3号', statusChangedAt: new Date('2026-03-01T00:00:00Z') },
    })
    try {
      const list = await listPowerItems(db(), powerListQuerySchema.parse({ dept: String(police.id), type: 'LICENSING', pageSize: '200' }))
      expect(list.items.find((i) => i.code === passport.code)).toMatchObject({ status: 'CANCELLED', statusDocumentNo: '广安区府发〔2026〕3号' })
      expect((await listPowerItems(db(), powerListQuerySchema.parse({}))).total).toBe(787)
      const cancelled = await listPowerItems(db(), powerListQuerySchema.parse({ status: 'CANCELLED' }))
      expect(cancelled.items.map((i) => i.name)).toEqual(['普通护照签发'])
      const department = await getDepartment(db(), police.code)
      expect(department!.powerByType.find((t) => t.type === 'LICENSING')!.cancelled).toBe(1)
    } finally {
      await db().powerItem.update({ where: { id: passport.id }, data: { status: 'IN_FORCE', statusDocumentNo: null, statusChangedAt: null } })
    }
  })
})

describe('the responsibility list', () => {
  it('gives the duties and accountability cases behind each power, linked to the item', async () => {
    const duties = await listDuties(db(), dutyListQuerySchema.parse({ dept: String(police.id), kind: 'POWER_DUTY', pageSize: '200' }))
    expect(duties.total).toBe(await db().powerItem.count({ where: { departmentId: police.id, type: { not: 'PUBLIC_SERVICE' } } }))
    const passport = duties.items.find((d) => d.powerItem?.name === '普通护照签发')!
    expect(passport).toMatchObject({ isDemo: true, department: { name: '区公安分局' } })
    expect(passport.cases.length).toBeGreaterThan(0)
    expect(duties.filters.kind.map((k) => k.value)).toEqual(['DEPARTMENT_DUTY', 'POWER_DUTY', 'SUPERVISION'])
  })

  it('lists the boundaries of a department with every department\'s part', async () => {
    const boundaries = await listBoundaries(db(), boundaryListQuerySchema.parse({ dept: String(police.id) }))
    expect(boundaries.items.length).toBeGreaterThan(0)
    for (const b of boundaries.items) {
      expect(b.departments.map((d) => d.department.name)).toContain('区公安分局')
      expect(b.departments.filter((d) => d.isLead)).toHaveLength(1)
      expect(b.departments[0]!.isLead).toBe(true)
    }
    expect((await listBoundaries(db(), boundaryListQuerySchema.parse({}))).total).toBe(20)
  })
})

describe('the department pages', () => {
  it('lists all 34 departments with their counts on each list', async () => {
    const departments = await listDepartments(db())
    expect(departments).toHaveLength(34)
    expect(departments.reduce((sum, d) => sum + d.counts.powerItems, 0)).toBe(787)
    expect(departments.reduce((sum, d) => sum + d.counts.publicServices, 0)).toBe(348)
    expect(departments.reduce((sum, d) => sum + d.counts.funds, 0)).toBe(87)
  })

  it('shows a department\'s three lists', async () => {
    const department = (await getDepartment(db(), police.code))!
    expect(department.name).toBe('区公安分局')
    expect(department.powerByType.reduce((sum, t) => sum + t.total, 0)).toBe(department.counts.powerItems)
    expect(department.powerByType[0]!.type).toBe('LICENSING')
    expect(department.departmentDuties.length).toBeGreaterThan(0)
    expect(department.supervision.length).toBeGreaterThan(0)
    expect(department.powerDuties).toBe(department.counts.powerItems)
    const boundary = department.boundaries[0]!
    const other = boundary.departments.find((d) => d.department.id !== police.id)!
    expect(other.responsibility.length).toBeGreaterThan(5)
    expect(department.funds.every((f) => f.department.id === police.id)).toBe(true)
    expect(department.funds).toHaveLength(department.counts.funds)
    expect(await getDepartment(db(), 'NO-SUCH-DEPARTMENT')).toBeNull()
  })
})

describe('the special-fund list', () => {
  it('filters by year, method and size, and totals what it shows', async () => {
    const all = await listFunds(db(), fundListQuerySchema.parse({ pageSize: '200' }))
    expect(all.total).toBe(87)
    const year = all.filters.year[0]!
    const ofYear = await listFunds(db(), fundListQuerySchema.parse({ year: year.value, method: 'PROJECT', minAmount: '100', pageSize: '200' }))
    expect(ofYear.items.every((f) => f.year === Number(year.value) && f.allocationMethod === 'PROJECT' && Number(f.amount) >= 100)).toBe(true)
    const sum = ofYear.items.reduce((s, f) => s + Math.round(Number(f.amount) * 100), 0)
    expect(Math.round(Number(ofYear.totalAmount) * 100)).toBe(sum)
    const byAmount = await listFunds(db(), fundListQuerySchema.parse({ sort: 'amount', pageSize: '5' }))
    expect(byAmount.items.map((f) => Number(f.amount))).toEqual(byAmount.items.map((f) => Number(f.amount)).toSorted((a, b) => b - a))
  })

  it('gives a fund with its published allocations adding up to the total', async () => {
    const { items: [row] } = await listFunds(db(), fundListQuerySchema.parse({ pageSize: '1' }))
    const fund = (await getFund(db(), row!.code))!
    expect(fund.allocations.length).toBeGreaterThan(0)
    expect(fund).toMatchObject({ isDemo: true, name: row!.name })
    const sum = fund.allocations.reduce((s, a) => s + Math.round(Number(a.amount) * 100), 0)
    expect(Math.round(Number(fund.allocatedAmount) * 100)).toBe(sum)
    expect(fund.allocatedAmount).toBe(fund.amount)
    expect(await getFund(db(), 'NO-SUCH-FUND')).toBeNull()
  })
})

describe('adjustment announcements', () => {
  it('announce the import\'s additions to the three lists, counted as the open data and the back office count them, by department and page by page', async () => {
    const [announcement, ...others] = await listAnnouncements(db())
    expect(others).toEqual([])
    const { counts } = announcement!
    expect(counts.lists.map((l) => l.list)).toEqual(['power', 'responsibility', 'fund'])
    expect(counts.lists[0]).toEqual({ list: 'power', total: 1135, actions: [{ action: 'ADD', count: 1135 }] })
    expect(counts.total).toBe(1135 + await db().duty.count() + await db().specialFund.count())
    // A version carries its records' changes and their guides' (one line each in its changes file): the same number everywhere.
    expect(counts.guides).toBe(1135)
    expect((await publishedVersions(db()))[0]!).toMatchObject({ changes: counts.total + counts.guides, counts })
    expect((await listVersions(db()))[0]!).toMatchObject({ changes: counts.total + counts.guides, counts })
    const view = (await getAnnouncement(db(), announcement!.id, announcementQuerySchema.parse({ pageSize: '200' })))!
    expect(view.counts).toEqual(counts)
    expect(view.changes.total).toBe(counts.total)
    expect(view.changes.pageCount).toBe(Math.ceil(counts.total / 200))
    expect(view.byDepartment).toHaveLength(34)
    expect(view.byDepartment.reduce((sum, d) => sum + d.total, 0)).toBe(counts.total)
    expect((await getAnnouncement(db(), announcement!.id, announcementQuerySchema.parse({ list: 'power' })))!.changes.total).toBe(1135)
    const ofPolice = await getAnnouncement(db(), announcement!.id, announcementQuerySchema.parse({ dept: String(police.id), pageSize: '200' }))
    expect(ofPolice!.changes.total).toBe(view.byDepartment.find((d) => d.department.id === police.id)!.total)
    expect(ofPolice!.changes.items.map((c) => c.name)).toContain('普通护照签发')
    expect(ofPolice!.changes.items.some((c) => c.list === 'responsibility')).toBe(true)
    expect((await getAnnouncement(db(), announcement!.id, announcementQuerySchema.parse({ action: 'CANCEL' })))!.changes.total).toBe(0)
    expect(await getAnnouncement(db(), announcement!.id + 1000, announcementQuerySchema.parse({}))).toBeNull()
  })
})
