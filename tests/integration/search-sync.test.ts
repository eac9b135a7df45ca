// The search index follows PostgreSQL through the outbox: writes succeed while Meilisearch is
// unreachable, and the index catches up, equal to the database, once it answers again.
import net from 'node:net'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { Meilisearch, MeilisearchApiError, MeilisearchRequestError, MeilisearchRequestTimeOutError } from 'meilisearch'
import { createMeiliClient } from '../../server/utils/meili'
import { drainAll, drainOnce, dueRows, enqueueSearchSync, OUTBOX_CHANNEL, pendingCount, startOutboxWorker } from '../../server/services/search/outbox'
import { applySearchSettings } from '../../server/services/search/settings'
import { indexOutdated, reindex } from '../../server/services/search/reindex'
import { searchItems, SearchUnavailableError } from '../../server/services/search/query'
import { searchQuerySchema } from '../../shared/search'
import { DEPARTMENT_FILTER_LIMIT } from '../../shared/list-views'
import { searchContext } from '../../server/services/search/context'
import { usePublicCache } from '../../server/utils/public-cache'
import { freePort } from '../../scripts/lib/meilisearch-process'
import { createTestEnv, uniqueName, type TestEnv } from '../helpers/services'
import { openDatabase } from '../../server/utils/prisma'

let env: TestEnv

beforeAll(async () => {
  env = await createTestEnv({ realData: true })
  await applySearchSettings(env.db.prisma, env.meili, env.config.meiliIndex)
})
afterAll(async () => { await env.close() })

const search = (params: Record<string, unknown>) => searchItems(env.meili, env.db.prisma, env.config.meiliIndex, searchQuerySchema.parse(params))

async function indexIds(): Promise<Map<string, string>> {
  const docs = await env.meili.index(env.config.meiliIndex).getDocuments<{ id: string; name: string }>({ limit: 10_000, fields: ['id', 'name'] })
  return new Map(docs.results.map((d) => [d.id, d.name]))
}

describe('search outbox', () => {
  it('keeps rows pending, with a growing delay, while Meilisearch is unreachable', async () => {
    const down = new Meilisearch({ host: `http://127.0.0.1:${await freePort()}`, apiKey: 'x', timeout: 500 })
    const pending = await pendingCount(env.db.prisma)
    expect(pending).toBeGreaterThan(1000)
    const result = await drainOnce(env.db.prisma, down, env.config.meiliIndex)
    expect(result.applied).toBe(0)
    expect(result.failed).toBeGreaterThan(0)
    expect(await pendingCount(env.db.prisma)).toBe(pending)
    const failed = await env.db.prisma.searchOutbox.findFirstOrThrow({ where: { attempts: 1 } })
    expect(failed.lastError).toBeTruthy()
    expect(failed.nextAttemptAt.getTime()).toBeGreaterThan(Date.now())
    // Searching reports unavailability instead of failing obscurely.
    await expect(searchItems(down, env.db.prisma, env.config.meiliIndex, searchQuerySchema.parse({ q: '护照' }))).rejects.toBeInstanceOf(SearchUnavailableError)
  })

  it('catches up when Meilisearch answers: the index holds exactly the published records', async () => {
    await env.db.prisma.searchOutbox.updateMany({ data: { nextAttemptAt: new Date() } })
    // Waiting for Meilisearch's tasks (here 3 of 1,000 documents, each over ten polls) leaves no
    // listeners piling up on one signal, which Node reports in the portal's log.
    const warnings: string[] = []
    const note = (warning: Error) => { warnings.push(`${warning.name}: ${warning.message}`) }
    process.on('warning', note)
    try {
      await drainAll(env.db.prisma, env.meili, env.config.meiliIndex)
      await new Promise((resolve) => setImmediate(resolve))
    } finally {
      process.off('warning', note)
    }
    expect(warnings.filter((w) => w.startsWith('MaxListenersExceededWarning'))).toEqual([])
    expect(await pendingCount(env.db.prisma)).toBe(0)
    const ids = await indexIds()
    const items = await env.db.prisma.powerItem.findMany({ select: { id: true, name: true } })
    for (const item of items) expect(ids.get(`power-item-${item.id}`)).toBe(item.name)
    expect(ids.size).toBe(items.length + await env.db.prisma.duty.count() + await env.db.prisma.specialFund.count())
  })

  it('applies a committed change, and nothing from a rolled-back one', async () => {
    const item = await env.db.prisma.powerItem.findFirstOrThrow({ where: { name: '普通护照签发' } })
    await env.db.prisma.$transaction(async (tx) => {
      await tx.powerItem.update({ where: { id: item.id }, data: { aliases: ['出国证件'] } })
      await enqueueSearchSync(tx, 'POWER_ITEM', [item.id])
    })
    await expect(env.db.prisma.$transaction(async (tx) => {
      await tx.powerItem.update({ where: { id: item.id }, data: { name: '不应出现的名称' } })
      await enqueueSearchSync(tx, 'POWER_ITEM', [item.id])
      throw new Error('rolled back')
    })).rejects.toThrow('rolled back')
    expect(await pendingCount(env.db.prisma)).toBe(1)
    await drainAll(env.db.prisma, env.meili, env.config.meiliIndex)
    const result = await search({ q: '出国证件' })
    expect(result.hits[0]?.name.map((p) => p.text).join('')).toBe('普通护照签发')
    expect((await search({ q: '不应出现的名称' })).hits.every((h) => h.name.map((p) => p.text).join('') !== '不应出现的名称')).toBe(true)
  })

  it('applies postponed rows as soon as Meilisearch is back, without waiting out their backoff', async () => {
    const db = env.db.prisma
    const item = await db.powerItem.findFirstOrThrow({ where: { name: '普通护照签发' } })
    // Meilisearch behind a door the test opens: closed, every request is refused.
    const port = await freePort()
    const target = new URL(inject('meiliUrl'))
    const door = net.createServer((client) => {
      const upstream = net.connect(Number(target.port), target.hostname)
      client.pipe(upstream).pipe(client)
      client.on('error', () => upstream.destroy())
      upstream.on('error', () => client.destroy())
    })
    const behindDoor = new Meilisearch({ host: `http://127.0.0.1:${port}`, apiKey: env.config.meiliKey, timeout: 2000 })
    await db.$transaction(async (tx) => {
      await tx.powerItem.update({ where: { id: item.id }, data: { aliases: ['因私出境证照'] } })
      await enqueueSearchSync(tx, 'POWER_ITEM', [item.id])
    })
    const worker = startOutboxWorker(db, behindDoor, env.config.meiliIndex, { intervalMs: 100 })
    try {
      await expect.poll(() => db.searchOutbox.count({ where: { processedAt: null, attempts: { gt: 0 } } }), { timeout: 10_000 }).toBeGreaterThan(0)
      // A long outage has pushed the row's next attempt five minutes away.
      await db.searchOutbox.updateMany({ where: { processedAt: null }, data: { attempts: 9, nextAttemptAt: new Date(Date.now() + 300_000) } })
      await new Promise<void>((resolve) => door.listen(port, '127.0.0.1', resolve))
      // Well within the five minutes of backoff, with room for a loaded machine.
      await expect.poll(() => pendingCount(db), { timeout: 30_000 }).toBe(0)
      expect((await search({ q: '因私出境证照' })).hits[0]?.code).toBe(item.code)
    } finally {
      await worker.stop()
      door.close()
    }
  })

  it('indexes a change committed by any process at once, without waiting for the next poll', async () => {
    const db = env.db.prisma
    const item = await db.powerItem.findFirstOrThrow({ where: { name: '普通护照签发' } })
    await drainAll(db, env.meili, env.config.meiliIndex)
    // The worker would not look again for a minute: only the notification can start it.
    const worker = startOutboxWorker(db, env.meili, env.config.meiliIndex, { intervalMs: 60_000 })
    const unlisten = await env.db.listen(OUTBOX_CHANNEL, () => worker.wake())
    try {
      await expect.poll(() => pendingCount(db)).toBe(0)
      // Another process commits: a connection of its own, as a second portal or a command would.
      const other = await openDatabase(env.config)
      try {
        await other.prisma.$transaction(async (tx) => {
          await tx.powerItem.update({ where: { id: item.id }, data: { aliases: ['护照加急通道'] } })
          await enqueueSearchSync(tx, 'POWER_ITEM', [item.id])
        })
      } finally {
        await other.close()
      }
      await expect.poll(async () => (await search({ q: '护照加急通道' })).hits[0]?.code, { timeout: 10_000 }).toBe(item.code)
    } finally {
      await unlisten()
      await worker.stop()
    }
  })

  it('never indexes a draft: proposed records live in change requests until published', async () => {
    const db = env.db.prisma
    const item = await db.powerItem.findFirstOrThrow({ where: { name: '普通护照签发' } })
    const editor = await db.user.create({ data: { username: 'draft-editor', displayName: '经办人', passwordHash: 'x', role: 'EDITOR', departmentId: item.departmentId } })
    await db.changeRequest.createMany({
      data: [
        { entityType: 'POWER_ITEM', entityId: item.id, action: 'UPDATE', departmentId: item.departmentId, authorId: editor.id, payload: { name: '草稿名称琥珀钥匙' }, status: 'DRAFT' },
        { entityType: 'POWER_ITEM', action: 'ADD', departmentId: item.departmentId, authorId: editor.id, payload: { name: '待审新增琥珀钥匙' }, status: 'SUBMITTED' },
      ],
    })
    await drainAll(db, env.meili, env.config.meiliIndex)
    await reindex(db, env.meili, env.config.meiliIndex)
    expect((await search({ q: '琥珀钥匙' })).total).toBe(0)
  })

  it('rebuilds the index from the database with reindex', async () => {
    await env.meili.index(env.config.meiliIndex).deleteAllDocuments().waitTask()
    expect((await indexIds()).size).toBe(0)
    const { documents } = await reindex(env.db.prisma, env.meili, env.config.meiliIndex)
    expect((await indexIds()).size).toBe(documents)
    expect(documents).toBe(await env.db.prisma.powerItem.count() + await env.db.prisma.duty.count() + await env.db.prisma.specialFund.count())
    expect((await search({ q: '护照' })).hits[0]?.code).toBeTruthy()
  })

  it('tells an index written by an earlier version, whose documents lack the names\' characters, and rebuilds it', async () => {
    const index = env.meili.index(env.config.meiliIndex)
    expect(await indexOutdated(env.meili, env.config.meiliIndex)).toBe(false)
    // what an earlier version wrote: the same documents without `chars`
    const docs = await index.getDocuments<Record<string, unknown>>({ limit: 10_000 })
    await index.deleteAllDocuments().waitTask()
    await index.addDocuments(docs.results.map(({ chars: _chars, ...doc }) => doc), { primaryKey: 'id' }).waitTask({ timeout: 60_000 })
    expect(await indexOutdated(env.meili, env.config.meiliIndex)).toBe(true)
    expect((await search({ q: '护' })).total).toBe(0)
    await reindex(env.db.prisma, env.meili, env.config.meiliIndex)
    expect(await indexOutdated(env.meili, env.config.meiliIndex)).toBe(false)
    expect((await search({ q: '护' })).total).toBeGreaterThan(20)
  })

  // After a city's first import the outbox holds 200,000 applied rows, and PostgreSQL's statistics
  // were taken while most were still pending (autovacuum analyses a table again only after a tenth
  // of it changes). A poll, every 0.5 s in every portal process, must still read only the rows
  // not yet applied.
  it('polls without reading the rows it applied before, whatever the table\'s statistics say', async () => {
    const db = env.db.prisma
    const HISTORY = 20_000
    await drainAll(db, env.meili, env.config.meiliIndex)
    // Rows written as an import writes them (no worker runs here), applied once the statistics are taken.
    await db.$executeRaw`
      INSERT INTO "SearchOutbox" ("entityType", "entityId", operation)
      SELECT 'POWER_ITEM', -g, 'UPSERT' FROM generate_series(1, ${HISTORY}) g`
    try {
      await db.$executeRaw`ANALYZE "SearchOutbox"`
      await db.$executeRaw`UPDATE "SearchOutbox" SET "processedAt" = now() WHERE "entityId" < 0`
      const pending = await pendingCount(db)
      type PlanNode = { 'Node Type': string; 'Actual Rows': number; 'Actual Loops': number; 'Rows Removed by Filter'?: number; Plans?: PlanNode[] }
      const [explained] = await db.$queryRaw<{ 'QUERY PLAN': [{ Plan: PlanNode }] }[]>`EXPLAIN (ANALYZE, FORMAT JSON) ${dueRows(1000)}`
      const plan = explained!['QUERY PLAN'][0].Plan
      const read = (node: PlanNode): number => (/Scan/.test(node['Node Type']) ? (node['Actual Rows'] + (node['Rows Removed by Filter'] ?? 0)) * node['Actual Loops'] : 0)
        + (node.Plans ?? []).reduce((sum, child) => sum + read(child), 0)
      expect(read(plan)).toBeLessThanOrEqual(pending)
    } finally {
      await db.$executeRaw`DELETE FROM "SearchOutbox" WHERE "entityId" < 0`
    }
  })
})

describe('the Meilisearch client of the portal (node:http)', () => {
  it('reports an error answer with Meilisearch\'s code, and gives up on a server that never answers', async () => {
    // meilisearch-js wraps whatever its httpClient throws in a MeilisearchRequestError
    const missing = await env.meili.index(uniqueName('no_such_index')).getDocuments({ limit: 1 }).catch((e: unknown) => e)
    expect(missing).toBeInstanceOf(MeilisearchRequestError)
    const answer = (missing as Error).cause as MeilisearchApiError
    expect(answer).toBeInstanceOf(MeilisearchApiError)
    expect(answer.cause?.code).toBe('index_not_found')
    expect(answer.response.status).toBe(404)

    const silent = net.createServer(() => { /* accepts, never answers */ })
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
    const port = (silent.address() as net.AddressInfo).port
    const started = Date.now()
    const hung = await createMeiliClient({ ...env.config, meiliUrl: `http://127.0.0.1:${port}`, meiliTimeoutMs: 300 }).health().catch((e: unknown) => e)
    silent.close()
    expect(hung).toBeInstanceOf(MeilisearchRequestError)
    expect((hung as Error).cause).toBeInstanceOf(MeilisearchRequestTimeOutError)
    expect(Date.now() - started).toBeLessThan(3000)
  })
})

describe('search', () => {
  const names = (r: Awaited<ReturnType<typeof search>>) => r.hits.map((h) => h.name.map((p) => p.text).join(''))

  it('knows the words of a change published after it learnt the city\'s words, and corrects typos to them', async () => {
    await searchContext(env.db.prisma)
    const item = await env.db.prisma.powerItem.findFirstOrThrow({ where: { name: '犬类准养证核发' } })
    expect((await search({ q: '金鲤养殖备案' })).correctedQuery).not.toBe('锦鲤养殖备案')
    await env.db.prisma.$transaction(async (tx) => {
      await tx.powerItem.update({ where: { id: item.id }, data: { aliases: ['锦鲤养殖备案'] } })
      await enqueueSearchSync(tx, 'POWER_ITEM', [item.id])
    })
    await drainAll(env.db.prisma, env.meili, env.config.meiliIndex)
    // What a portal process does when the commit's notification reaches it.
    const cache = usePublicCache()
    cache.setGeneration(`${Date.now()}.0`)
    const typed = await search({ q: '金鲤养殖备案' })
    expect(typed.correctedQuery).toBe('锦鲤养殖备案')
    expect(names(typed)[0]).toBe('犬类准养证核发')
    expect((await search({ q: '锦鲤养殖备案' })).partial).toBe(false)
  })

  it('finds official items and highlights what matched', async () => {
    const passport = await search({ q: '护照' })
    expect(names(passport)[0]).toBe('普通护照签发')
    expect(passport.hits[0]!.name.some((p) => p.match && p.text.includes('护照'))).toBe(true)
    expect(names(await search({ q: '犬类' }))).toContain('犬类准养证核发')
  })

  it('counts facets and filters by department and type', async () => {
    const all = await search({ q: '' })
    expect(all.total).toBeGreaterThan(1135)
    const police = all.facets.dept.find((f) => f.label === '区公安分局')!
    expect(police.count).toBeGreaterThan(40)
    const filtered = await search({ q: '', dept: police.value, type: 'LICENSING' })
    expect(filtered.total).toBeGreaterThan(0)
    expect(filtered.total).toBeLessThan(police.count)
    expect(filtered.hits.every((h) => h.departmentName === '区公安分局' && h.type === 'LICENSING')).toBe(true)
    // Disjunctive: the department facet still lists the other departments.
    expect(filtered.facets.dept.length).toBeGreaterThan(1)
  })

  it('offers the departments with the most records at city scale, and a chosen small one with its count', async () => {
    // 70 departments (more than a filter offers), department k holding k records, in an index of their own.
    const uid = `${env.config.meiliIndex}-city`
    await applySearchSettings(env.db.prisma, env.meili, uid)
    const docs = Array.from({ length: 70 }, (_, d) => Array.from({ length: d + 1 }, (_, i) => ({
      id: `city-${d + 1}-${i}`, entityId: 100_000 + (d + 1) * 100 + i, list: 'POWER', code: `C${d + 1}-${i}`, name: `城市规模测试事项${d + 1}之${i}`, aliases: [], groupName: '', summary: '', guideText: '', pinyin: [], initials: [], chars: '',
      type: 'LICENSING', typeName: '行政许可', departmentId: 90_000 + d + 1, departmentName: `测试部门${d + 1}`, status: 'IN_FORCE', year: null, rank: 0,
    }))).flat()
    const task = await env.meili.index(uid).addDocuments(docs).waitTask({ timeout: 60_000 })
    expect(task.status).toBe('succeeded')
    const cityDept = (params: Record<string, unknown>) => searchItems(env.meili, env.db.prisma, uid, searchQuerySchema.parse(params))
    const all = await cityDept({ q: "" })
    expect(all.total).toBe(docs.length)
    expect(all.facets.dept).toHaveLength(DEPARTMENT_FILTER_LIMIT)
    expect(all.facets.dept.map((d) => d.count)).toEqual(Array.from({ length: DEPARTMENT_FILTER_LIMIT }, (_, i) => 70 - i))
    // The smallest department, chosen: its records, and still offered (with its own count) beside the largest.
    const smallest = await cityDept({ q: '', dept: 90_001 })
    expect(smallest.total).toBe(1)
    expect(smallest.facets.dept.find((d) => d.value === '90001')?.count).toBe(1)
    expect(smallest.facets.dept[0]).toMatchObject({ value: '90070', count: 70 })
    expect(smallest.facets.dept).toHaveLength(DEPARTMENT_FILTER_LIMIT + 1)
    await env.meili.deleteIndex(uid).waitTask({ timeout: 30_000 })
  })

  it('pages through results without repeating them', async () => {
    const first = await search({ q: '许可' })
    const second = await search({ q: '许可', page: 2 })
    expect(first.pageCount).toBeGreaterThan(1)
    expect(second.page).toBe(2)
    const firstIds = new Set(first.hits.map((h) => h.id))
    expect(second.hits.some((h) => firstIds.has(h.id))).toBe(false)
  })
})
