// The generation of public content that every portal process's cache follows, on the real
// PostgreSQL: a commit that writes a table the public reads moves it and notifies, anything else
// does not; and list counts are computed once per generation, again after it moves.
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CACHE_CHANNEL, markSearchIndexChanged, readCacheGeneration } from '../../server/services/cache-generation'
import { listPowerItems } from '../../server/services/lists/power-list'
import { listStatistics } from '../../server/services/lists/statistics'
import { type PublicCache, usePublicCache } from '../../server/utils/public-cache'
import { powerListQuerySchema } from '../../shared/lists'
import { createTestEnv, type TestEnv } from '../helpers/services'

let env: TestEnv
let listener: pg.Client
const notified: string[] = []
const db = () => env.db.prisma

beforeAll(async () => {
  env = await createTestEnv()
  await db().department.create({ data: { code: 'police', name: '区公安分局', areaCode: '511602' } })
  listener = new pg.Client({ connectionString: env.config.databaseUrl })
  await listener.connect()
  listener.on('notification', (n) => { if (n.channel === CACHE_CHANNEL) notified.push(n.payload ?? '') })
  await listener.query(`LISTEN ${CACHE_CHANNEL}`)
})
afterAll(async () => {
  await listener?.end()
  await env.close()
})

async function settled(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 100))
}

const item = (code: string, departmentId: number) => ({ code, name: `测试事项${code}`, type: 'LICENSING' as const, departmentId, level: 'COUNTY' as const, publishedAt: new Date() })

describe('the generation of public content', () => {
  it('moves once per committed transaction that writes a public table, and notifies at commit', async () => {
    const dept = await db().department.findFirstOrThrow()
    const before = await readCacheGeneration(db())
    notified.length = 0
    await db().$transaction(async (tx) => {
      await tx.powerItem.create({ data: item('GEN-1', dept.id) })
      await tx.department.update({ where: { id: dept.id }, data: { shortName: '公安' } })
      await settled()
      // Nothing is visible or notified before the commit.
      expect(notified).toEqual([])
      expect(await readCacheGeneration(db())).toBe(before)
    })
    await settled()
    const after = await readCacheGeneration(db())
    expect(after).not.toBe(before)
    expect(after.split('.')[0]).toBe(String(Number(before.split('.')[0]) + 1))
    expect(notified).toEqual(['public'])
  })

  it('stays for a transaction that rolls back and for writes the public does not see', async () => {
    const dept = await db().department.findFirstOrThrow()
    const before = await readCacheGeneration(db())
    notified.length = 0
    await expect(db().$transaction(async (tx) => {
      await tx.powerItem.create({ data: item('GEN-2', dept.id) })
      throw new Error('refused')
    })).rejects.toThrow('refused')
    await db().searchQueryStat.create({ data: { day: new Date(), query: '护照', searches: 1 } })
    await db().searchOutbox.create({ data: { entityType: 'POWER_ITEM', entityId: 1, operation: 'UPSERT' } })
    // The scheduler's note on a version it cannot apply yet, written every minute.
    await db().listVersion.updateMany({ where: { status: 'SCHEDULED' }, data: { failure: '尚不能生效', failedAt: new Date() } })
    await settled()
    expect(await readCacheGeneration(db())).toBe(before)
    expect(notified).toEqual([])
  })

  it('moves when a service hall or a life event changes, which the back office writes without a list version', async () => {
    const dept = await db().department.findFirstOrThrow()
    let before = await readCacheGeneration(db())
    notified.length = 0
    const hall = await db().serviceHall.create({ data: { departmentId: dept.id, name: '政务服务中心', address: '广安区金安大道', hours: '工作日 9:00-17:00', phone: '0826-1234567' } })
    await settled()
    expect(await readCacheGeneration(db())).not.toBe(before)
    before = await readCacheGeneration(db())
    await db().serviceHall.update({ where: { id: hall.id }, data: { phone: '0826-7654321' } })
    await settled()
    expect(await readCacheGeneration(db())).not.toBe(before)
    before = await readCacheGeneration(db())
    await db().lifeEvent.create({ data: { slug: 'gen-test', title: '新生儿出生', audience: 'PERSON', summary: '出生登记' } })
    await settled()
    expect(await readCacheGeneration(db())).not.toBe(before)
    expect(notified).toEqual(['public', 'public', 'public'])
  })

  it('moves when the search index has taken in changes', async () => {
    const before = await readCacheGeneration(db())
    notified.length = 0
    await markSearchIndexChanged(db())
    await settled()
    const after = await readCacheGeneration(db())
    expect(after.split('.')[0]).toBe(before.split('.')[0])
    expect(after).not.toBe(before)
    expect(notified).toEqual(['search'])
  })
})

describe('list counts at city scale', () => {
  it('are counted once per generation, and counted again once it moves', async () => {
    const cache: PublicCache = usePublicCache()
    const dept = await db().department.findFirstOrThrow()
    const query = powerListQuerySchema.parse({ pageSize: '1' })
    cache.setGeneration(await readCacheGeneration(db()))
    const first = await listPowerItems(db(), query)
    const stats = await listStatistics(db())
    // Written without the trigger's notice reaching this cache: the counts stay as counted.
    await db().powerItem.create({ data: item('GEN-3', dept.id) })
    const second = await listPowerItems(db(), { ...query, page: 2 })
    expect(second.total).toBe(first.total)
    expect(second.filters).toEqual(first.filters)
    expect((await listStatistics(db())).powerItems).toBe(stats.powerItems)
    // Another filter is another count.
    expect((await listPowerItems(db(), powerListQuerySchema.parse({ type: 'PENALTY' }))).total).toBe(0)
    cache.setGeneration(await readCacheGeneration(db()))
    const third = await listPowerItems(db(), query)
    expect(third.total).toBe(first.total + 1)
    expect(third.filters.type.find((t) => t.value === 'LICENSING')?.count).toBe(first.total + 1)
    expect((await listStatistics(db())).powerItems).toBe(stats.powerItems + 1)
    cache.setGeneration(undefined)
  })
})
