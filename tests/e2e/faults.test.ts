// The built portal when the servers behind it fail: Meilisearch killed in the middle of a burst
// of publications, and PostgreSQL restarted while visitors keep asking. Each test runs its own
// server process, so killing it disturbs no other test. Then the built server started without
// DATABASE_URL on a data folder it cannot use, and a portal whose output nobody reads any more.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freePort, startMeilisearch, type MeilisearchProcess } from '../../scripts/lib/meilisearch-process'
import { startPostgres, type PostgresServer } from '../../scripts/lib/postgres-server'
import { readDataFiles } from '../../scripts/lib/runtime'
import { importItems } from '../../prisma/seed/import-items'
import { ensureDemoAccounts } from '../../server/services/auth/demo-accounts'
import { documentBuilders } from '../../server/services/search/documents'
import { openDatabase, type DbHandle } from '../../server/utils/prisma'
import { createMeiliClient } from '../../server/utils/meili'
import type { AppConfig } from '../../server/utils/config'
import { DEMO_PASSWORD } from '../../shared/demo-accounts'
import { cityToday } from '../../shared/city-time'
import type { SearchDocument } from '../../shared/search'
import { cpuSeconds, processMemory, startPortal, TEST_SESSION_PASSWORD, waitForIndex, type Portal } from '../helpers/portal'
import { createDatabase, migrate, testConfig } from '../helpers/services'
import { api, signIn } from '../helpers/session'

async function until(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 100))
  }
}

describe('Meilisearch killed in the middle of a burst of publications', () => {
  let meiliDir: string
  let meili: MeilisearchProcess
  let config: AppConfig
  let db: DbHandle
  let portal: Portal

  beforeAll(async () => {
    meiliDir = mkdtempSync(path.join(os.tmpdir(), 'sanzhang-faults-meili-'))
    meili = await startMeilisearch({ dbPath: path.join(meiliDir, 'db') })
    const url = await createDatabase()
    await migrate(url)
    config = { ...testConfig(url), meiliUrl: meili.url, meiliKey: meili.masterKey }
    db = await openDatabase(config)
    await importItems(db.prisma, await readDataFiles())
    await ensureDemoAccounts(db.prisma)
    portal = await startPortal(config, { NUXT_PUBLIC_DEMO: '1' })
    await waitForIndex(portal)
  })

  afterAll(async () => {
    await portal?.stop()
    await db?.close()
    await meili?.stop()
    if (meiliDir) rmSync(meiliDir, { recursive: true, force: true })
  })

  it('accepts every write while it is down, and the index equals the database once it is back', async () => {
    const police = await signIn(portal, 'police.editor', DEMO_PASSWORD)
    const reform = await signIn(portal, 'reform.office', DEMO_PASSWORD)
    const items = await db.prisma.powerItem.findMany({ where: { department: { name: '区公安分局' }, status: 'IN_FORCE' }, orderBy: { id: 'asc' }, take: 8 })
    const today = cityToday()
    const write = async (method: string, route: string, cookie: string, body?: unknown) => {
      const res = await api(portal, method, route, { cookie, body })
      expect(res.status, `${method} ${route}: ${await res.clone().text()}`).toBeLessThan(300)
      return res.json() as Promise<{ id: number }>
    }
    // One publication: an editor renames an item and proposes a new one, the reform office
    // approves both, gathers them into a list version and publishes it.
    const publish = async (round: number) => {
      const item = items[round]!
      const update = await write('POST', '/api/change-requests', police, { action: 'UPDATE', entityId: item.id, payload: { name: `${item.name}（第${round + 1}批调整）`, type: item.type, aliases: ['故障测试'] } })
      const added = await write('POST', '/api/change-requests', police, { action: 'ADD', payload: { code: `FAULT-${String(round + 1).padStart(4, '0')}`, name: `故障演练新增事项${round + 1}`, type: 'LICENSING' } })
      for (const id of [update.id, added.id]) await write('POST', `/api/change-requests/${id}/submit`, police, { reason: '故障演练提交' })
      await write('POST', '/api/change-requests/decisions', reform, { ids: [update.id, added.id], outcome: 'APPROVED', documentNo: `广安审改〔2026〕${round + 100}号`, effectiveDate: today })
      const version = await write('POST', '/api/list-versions', reform, { title: `2026年故障演练第${round + 1}批`, documentNo: `广安审改〔2026〕${round + 100}号`, effectiveDate: today, changeRequestIds: [update.id, added.id] })
      await write('POST', `/api/list-versions/${version.id}/publish`, reform)
    }

    let killed = false
    for (let round = 0; round < items.length; round++) {
      // The kill lands while the third publication's requests are under way, not between rounds.
      const inFlight = publish(round)
      if (round === 2) {
        await new Promise((r) => setTimeout(r, 50))
        meili.child.kill('SIGKILL')
        await until('Meilisearch to die', () => meili.child.exitCode !== null || meili.child.signalCode !== null)
        killed = true
      }
      await inFlight
    }
    expect(killed).toBe(true)
    // Changes published while it was down wait in the outbox.
    const pending = await db.prisma.searchOutbox.count({ where: { processedAt: null } })
    expect(pending).toBeGreaterThan(0)
    const health = await (await fetch(`${portal.url}/api/health`)).json() as { search: { status: string } }
    expect(health.search.status).not.toBe('ok')

    // Back on the same port and data folder; the portal is not restarted.
    meili = await startMeilisearch({ dbPath: path.join(meiliDir, 'db'), port: Number(new URL(meili.url).port), masterKey: meili.masterKey })
    await waitForIndex(portal, 50_000)

    const built = new Map<string, SearchDocument>()
    const ids = {
      POWER_ITEM: (await db.prisma.powerItem.findMany({ select: { id: true } })).map((r) => r.id),
      DUTY: (await db.prisma.duty.findMany({ select: { id: true } })).map((r) => r.id),
      SPECIAL_FUND: (await db.prisma.specialFund.findMany({ select: { id: true } })).map((r) => r.id),
      DUTY_BOUNDARY: [],
    }
    for (const [type, list] of Object.entries(ids) as [keyof typeof documentBuilders, number[]][]) {
      for (const doc of await documentBuilders[type](db.prisma, list)) built.set(doc.id, doc)
    }
    const indexed = await createMeiliClient(config).index(config.meiliIndex).getDocuments<SearchDocument>({ limit: 100_000 })
    expect(indexed.total).toBe(built.size)
    const inIndex = new Map(indexed.results.map((d) => [d.id, d]))
    expect([...inIndex.keys()].sort()).toEqual([...built.keys()].sort())
    for (const [id, doc] of built) expect(inIndex.get(id), id).toEqual(doc)
    // The burst's own writes are there: renamed items and the new ones.
    expect(inIndex.get(`power-item-${items.at(-1)!.id}`)?.name).toContain(`第${items.length}批调整`)
    expect([...inIndex.values()].filter((d) => d.code.startsWith('FAULT-'))).toHaveLength(items.length)
  }, 120_000)
})

describe('PostgreSQL restarted while the portal serves', () => {
  let pg: PostgresServer
  let portal: Portal

  beforeAll(async () => {
    pg = await startPostgres()
    await migrate(pg.url)
    portal = await startPortal(testConfig(pg.url))
  })

  afterAll(async () => {
    await portal?.stop()
    pg?.stop()
  })

  it('answers 503 DATABASE_UNAVAILABLE while it is down, never hangs, and recovers by itself', async () => {
    interface Outcome { at: number; path: string; status: number | 'hung' | 'refused'; body: string; retryAfter: string | null }
    const outcomes: Outcome[] = []
    const paths = ['/api/v1/power-items', '/api/v1/departments', '/api/v1/funds', '/power']
    let running = true
    // Every request asks for another page, so none is answered from the public cache and each
    // one needs the database.
    let requests = 0
    const visitor = async (offset: number) => {
      for (let n = offset; running; n++) {
        const route = `${paths[n % paths.length]!}?page=${++requests}`
        const at = Date.now()
        try {
          const res = await fetch(`${portal.url}${route}`, { signal: AbortSignal.timeout(15_000) })
          outcomes.push({ at, path: route, status: res.status, body: await res.text(), retryAfter: res.headers.get('retry-after') })
        } catch (error) {
          outcomes.push({ at, path: route, status: (error as Error).name === 'TimeoutError' ? 'hung' : 'refused', body: String(error), retryAfter: null })
        }
      }
    }
    const visitors = [0, 1, 2, 3].map(visitor)
    await until('answers before the restart', () => outcomes.filter((o) => o.status === 200).length >= 8)

    const killedAt = Date.now()
    pg.kill()
    await until('failures while the database is down', () => outcomes.filter((o) => o.at > killedAt && o.status !== 200).length >= 8)
    pg.start()
    const restartedAt = Date.now()
    await until('the portal to recover', () => outcomes.filter((o) => o.at > restartedAt && o.status === 200).length >= 12)
    running = false
    await Promise.all(visitors)

    expect(outcomes.filter((o) => o.status === 'hung' || o.status === 'refused')).toEqual([])
    for (const o of outcomes) {
      expect([200, 503], `${o.path}: ${o.status} ${o.body.slice(0, 300)}`).toContain(o.status)
      expect(o.body).not.toMatch(/\n\s+at .+:\d+:\d+/)
      if (o.status === 503 && o.path.startsWith('/api/')) {
        expect(JSON.parse(o.body).data).toMatchObject({ error: 'DATABASE_UNAVAILABLE', message: expect.stringContaining('数据库') })
        expect(o.retryAfter).toBe('5')
      }
    }
    // Once it is back, every request succeeds again: nothing stays broken in the pool.
    const settled = outcomes.filter((o) => o.at > restartedAt).slice(-8)
    expect(settled.map((o) => o.status)).toEqual(settled.map(() => 200))
    expect(portal.process.exitCode).toBeNull()
  }, 60_000)
})

describe('the built server without DATABASE_URL and a data folder it cannot use', () => {
  it('exits at once with one line naming the folder', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sanzhang-faults-data-'))
    try {
      writeFileSync(path.join(dir, 'a-file'), '')
      const dataDir = path.join(dir, 'a-file', 'data')
      const server = spawnSync(process.execPath, ['.output/server/index.mjs'], {
        cwd: path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..'),
        env: { PATH: process.env.PATH, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, NUXT_SESSION_PASSWORD: TEST_SESSION_PASSWORD, SITE_URL: 'http://localhost' },
        encoding: 'utf8',
        timeout: 20_000,
      })
      expect(server.status, server.stdout + server.stderr).toBe(1)
      expect(server.stderr.trim().split('\n')).toEqual([expect.stringContaining(`数据文件夹 ${dataDir}`)])
      expect(server.stderr).toContain('Point DATA_DIR at a folder')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('the portal once whatever reads its output has gone away', () => {
  it('keeps serving, stays idle, and stops when told to', async () => {
    const url = await createDatabase()
    await migrate(url)
    // Meilisearch never answers: the portal writes a line every second while it waits for it.
    const portal = await startPortal({ ...testConfig(url), meiliUrl: `http://127.0.0.1:${await freePort()}` })
    const pid = portal.process.pid!
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
    /** CPU seconds and kB of memory the portal takes over `ms` */
    const usage = async (ms: number) => {
      const cpu = cpuSeconds(pid)
      const memory = processMemory.kilobytes(pid).now
      await sleep(ms)
      return { cpu: cpuSeconds(pid) - cpu, memory: processMemory.kilobytes(pid).now - memory }
    }
    try {
      await until('a line about Meilisearch', () => /Meilisearch/.test(portal.output()))
      // Started: what it does at first (the city's words for search) is over.
      await until('the portal to be idle', async () => (await usage(1000)).cpu < 0.15, 30_000)
      // The reader goes away, as a log collector that stops: every later line meets a closed pipe.
      portal.process.stdout!.destroy()
      portal.process.stderr!.destroy()
      await sleep(1500)
      // Three lines written meanwhile: idle still (the loop this guards against used a whole
      // core, took 25 MB a second and answered no request).
      const { cpu, memory } = await usage(3000)
      expect(cpu, 'CPU seconds over 3 s').toBeLessThan(0.3)
      expect(memory, 'kB of memory taken over 3 s').toBeLessThan(20_000)
      const statuses: number[] = []
      for (const route of ['/api/v1/departments', '/power', `/api/search?q=${encodeURIComponent('护照')}`]) {
        statuses.push((await fetch(portal.url + route, { signal: AbortSignal.timeout(10_000) })).status)
      }
      expect(statuses).toEqual([200, 200, 503])
      const exited = new Promise((resolve) => portal.process.once('exit', resolve))
      portal.process.kill('SIGTERM')
      expect(await Promise.race([exited.then(() => 'exited'), sleep(10_000).then(() => 'still running 10 s after SIGTERM')])).toBe('exited')
    } finally {
      if (portal.process.exitCode === null && portal.process.signalCode === null) portal.process.kill('SIGKILL')
    }
  }, 90_000)
})
