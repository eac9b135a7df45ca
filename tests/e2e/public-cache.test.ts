// Public answers kept by each portal process until what they show changes. Two built portal
// processes share one PostgreSQL (as behind a load balancer): both answer again from memory,
// and after a publication made through one of them both serve the new content, also a process
// whose notification was lost. Nothing that depends on a session is ever kept or served to
// someone else.
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startPortal, startPortalWithRealData, type Portal } from '../helpers/portal'
import { api, signIn } from '../helpers/session'
import { openDatabase } from '../../server/utils/prisma'
import { ensureDemoAccounts } from '../../server/services/auth/demo-accounts'
import type { AppConfig } from '../../server/utils/config'
import { DEMO_PASSWORD } from '../../shared/demo-accounts'
import { cityToday, type WorkspacePage, type WorkspacePowerItem } from '../../shared/workspace'
import type { SearchResult } from '../../shared/search'

let a: Portal
let b: Portal
let config: AppConfig
let police: string
let civil: string
let reform: string
let passport: WorkspacePowerItem

// Each process writes the search counts it keeps every second, not every 30 (the default).
const ENV = { NUXT_PUBLIC_DEMO: '1', SEARCH_COUNTS_INTERVAL_MS: '1000' }

beforeAll(async () => {
  const started = await startPortalWithRealData(ENV)
  a = started.portal
  config = started.config
  const db = await openDatabase(config)
  try {
    await ensureDemoAccounts(db.prisma)
  } finally {
    await db.close()
  }
  b = await startPortal(config, ENV)
  police = await signIn(a, 'police.editor', DEMO_PASSWORD)
  civil = await signIn(a, 'civil.editor', DEMO_PASSWORD)
  reform = await signIn(a, 'reform.office', DEMO_PASSWORD)
  const found = await (await api(a, 'GET', `/api/workspace/power-items?q=${encodeURIComponent('普通护照签发')}`, { cookie: police })).json() as WorkspacePage<WorkspacePowerItem>
  passport = found.items[0]!
}, 300_000)

afterAll(async () => {
  await a?.stop()
  await b?.stop()
})

async function get(portal: Portal, path: string, cookie?: string) {
  const res = await fetch(`${portal.url}${path}`, { headers: cookie ? { cookie } : {} })
  return { status: res.status, cache: res.headers.get('x-cache'), body: await res.text() }
}

async function ok(res: Response, what: string): Promise<{ id: number }> {
  if (res.status >= 300) throw new Error(`${what}: ${res.status} ${await res.text()}`)
  return res.json() as Promise<{ id: number }>
}

/** The reform office's way from an editor's draft to a published list version, through portal `via`. */
async function publishRename(via: Portal, item: WorkspacePowerItem, name: string): Promise<void> {
  const draft = await ok(await api(via, 'POST', '/api/change-requests', { cookie: police, body: { action: 'UPDATE', entityId: item.id, payload: { name, type: item.type } } }), 'draft')
  await ok(await api(via, 'POST', `/api/change-requests/${draft.id}/submit`, { cookie: police, body: { reason: '事项名称按省级目录统一' } }), 'submit')
  const documentNo = '广安审改〔2026〕77号'
  await ok(await api(via, 'POST', `/api/change-requests/${draft.id}/decision`, { cookie: reform, body: { outcome: 'APPROVED', documentNo, effectiveDate: cityToday() } }), 'decision')
  const version = await ok(await api(via, 'POST', '/api/list-versions', { cookie: reform, body: { title: `2026年第${draft.id + 10}批调整`, documentNo, effectiveDate: cityToday(), changeRequestIds: [draft.id] } }), 'version')
  await ok(await api(via, 'POST', `/api/list-versions/${version.id}/publish`, { cookie: reform }), 'publish')
}

const until = (check: () => Promise<boolean>) => expect.poll(check, { timeout: 15_000, interval: 100 }).toBe(true)

describe('two portal processes on one database', () => {
  it('each answers a public page or API answer again from memory, a language, a query and a page apart', async () => {
    const paths = [`/items/${passport.code}`, `/en/items/${passport.code}`, '/power', '/power?page=2', `/api/v1/power-items/${passport.code}`,
      '/api/v1/power-items?type=LICENSING', `/api/search?q=${encodeURIComponent('护照')}`, `/api/search?q=${encodeURIComponent('护照')}&page=2`, `/search?q=${encodeURIComponent('低保')}`]
    for (const portal of [a, b]) {
      const first = new Map<string, string>()
      for (const path of paths) {
        const once = await get(portal, path)
        expect(once.status, path).toBe(200)
        first.set(path, once.body)
      }
      for (const path of paths) {
        const again = await get(portal, path)
        expect(again.cache, path).toBe('HIT')
        expect(again.body, path).toBe(first.get(path))
      }
      expect(new Set(first.values()).size).toBe(paths.length)
      expect(first.get(`/en/items/${passport.code}`)).toContain('lang="en"')
    }
  })

  it('after a publication through one process, both serve the new content, pages, API and search', async () => {
    const page = `/items/${passport.code}`
    // The item's Atom feed and the list as it stood at the end of today are kept too, until the publication.
    const feed = `/api/feeds/changes?code=${passport.code}`
    const today = `/api/v1/power-items?date=${cityToday()}&dept=${(await (await fetch(`${a.url}/api/v1/power-items/${passport.code}`)).json() as { department: { id: number } }).department.id}&pageSize=200`
    for (const portal of [a, b]) {
      for (const path of [page, feed, today]) {
        await get(portal, path)
        expect((await get(portal, path)).cache, path).toBe('HIT')
      }
    }
    const newName = `普通护照签发（统一名称${Date.now() % 10_000}）`
    await publishRename(a, passport, newName)
    passport = { ...passport, name: newName }
    // The process that published serves it from its very next request.
    expect((await get(a, page)).body).toContain(newName)
    for (const portal of [a, b]) {
      await until(async () => (await get(portal, page)).body.includes(newName))
      expect((await get(portal, `/api/v1/power-items/${passport.code}`)).body).toContain(newName)
      expect((await get(portal, feed)).body).toContain(newName)
      expect((await get(portal, today)).body).toContain(newName)
      // The index follows the database through the outbox; kept search answers go with it.
      await until(async () => {
        const result = JSON.parse((await get(portal, `/api/search?q=${encodeURIComponent(newName)}`)).body) as SearchResult
        return result.hits.some((h) => h.code === passport.code && h.name.map((part) => part.text).join('').includes('统一名称'))
      })
    }
  }, 60_000)

  it('a process whose notification was lost sees the change all the same', async () => {
    const dept = `/departments/${(await (await fetch(`${a.url}/api/v1/power-items/${passport.code}`)).json() as { department: { code: string } }).department.code}`
    for (const portal of [a, b]) {
      await get(portal, dept)
      expect((await get(portal, dept)).cache).toBe('HIT')
    }
    const sql = new pg.Client({ connectionString: config.databaseUrl })
    await sql.connect()
    try {
      // Cut every listening connection (the portals open them again after a second), and commit
      // a change the public sees before they are back.
      const cut = await sql.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query ILIKE 'LISTEN%' AND datname = current_database()`)
      expect(cut.rowCount).toBeGreaterThanOrEqual(2)
      await sql.query(`UPDATE "Department" SET "shortName" = '出入境窗口' WHERE code = $1`, [dept.split('/').pop()])
    } finally {
      await sql.end()
    }
    for (const portal of [a, b]) await until(async () => (await get(portal, dept)).body.includes('出入境窗口'))
  }, 60_000)
})

describe('search learning with answers kept', () => {
  async function searchesCounted(query: string): Promise<number> {
    const sql = new pg.Client({ connectionString: config.databaseUrl })
    await sql.connect()
    try {
      const { rows } = await sql.query<{ n: string | null }>(`SELECT sum(searches) AS n FROM "SearchQueryStat" WHERE query = $1`, [query])
      return Number(rows[0]?.n ?? 0)
    } finally {
      await sql.end()
    }
  }

  it('counts every search, answered from memory or not, alone or in a search page, on any process', async () => {
    const api = `/api/search?q=${encodeURIComponent('社保卡')}`
    const page = `/search?q=${encodeURIComponent('营业执照')}`
    const seen: (string | null)[] = []
    for (const portal of [a, b, a]) {
      seen.push((await get(portal, api)).cache, (await get(portal, page)).cache)
    }
    expect(seen.filter((c) => c === 'HIT').length).toBeGreaterThanOrEqual(2)
    // Each process writes its counts every second (ENV).
    await expect.poll(() => searchesCounted('社保卡'), { timeout: 15_000, interval: 250 }).toBe(3)
    await expect.poll(() => searchesCounted('营业执照'), { timeout: 15_000, interval: 250 }).toBe(3)
  })

  it('shows a term the reform office chose for 大家都在搜 on every process at once, although the home page was kept', async () => {
    for (const portal of [a, b]) {
      await get(portal, '/')
      expect((await get(portal, '/')).cache).toBe('HIT')
    }
    const term = '办居住证'
    expect((await get(b, '/')).body).not.toContain(term)
    await ok(await api(a, 'POST', '/api/search/popular-terms', { cookie: reform, body: { term, status: 'APPROVED', sortOrder: 0 } }), 'approve')
    for (const portal of [b, a]) {
      await expect.poll(async () => (await get(portal, '/')).body.includes(term), { timeout: 5_000, interval: 100 }).toBe(true)
    }
  }, 30_000)
})

describe('an error answer', () => {
  // Concurrent first requests for an address wait for the first of them (up to 10 s). An error
  // once left them all waiting: every later request for the address, however long after.
  it('is never kept, and keeps no later request for the same address waiting', async () => {
    for (const [path, status] of [['/api/v1/items/NO-SUCH-ITEM', 404], ['/items/NO-SUCH-ITEM', 404], ['/api/v1/funds?year=abc', 400], ['/api/search?q=x&page=0', 400]] as const) {
      for (let i = 0; i < 3; i++) {
        const started = Date.now()
        const answer = await get(a, path)
        expect([answer.status, answer.cache], `${path}, request ${i + 1}`).toEqual([status, 'MISS'])
        expect(Date.now() - started, `${path}, request ${i + 1}`).toBeLessThan(3000)
      }
    }
  })
})

describe("what carries a mail's token", () => {
  it('is never kept: the confirmation and unsubscribe pages, the one-click address; the subscription form is', async () => {
    const token = `1.${'x'.repeat(43)}`
    for (const path of [`/follow/confirm?token=${token}`, `/follow/unsubscribe?token=${token}`, `/en/follow/unsubscribe?token=${token}`]) {
      const once = await get(a, path)
      expect(once.status, path).toBe(200)
      expect(once.cache, path).toBeNull()
      expect((await get(a, path)).cache, path).toBeNull()
    }
    expect((await fetch(`${a.url}/api/subscriptions/one-click?token=${token}`, { redirect: 'manual' })).headers.get('x-cache')).toBeNull()
    await get(a, '/follow?topic=announcements')
    expect((await get(a, '/follow?topic=announcements')).cache).toBe('HIT')
  })
})

describe('what depends on a session', () => {
  it('is never kept: a back-office page, the signed-in API, a signed-in visit to a public page', async () => {
    for (const portal of [a, b]) {
      const login = await get(portal, '/admin/login')
      expect(login.status).toBe(200)
      expect(login.cache).toBeNull()
      expect((await get(portal, '/admin/workspace', police)).cache).toBeNull()
    }
    const signedIn = await get(a, '/power?type=PENALTY', police)
    expect(signedIn.status).toBe(200)
    expect(signedIn.cache).toBeNull()
    expect((await get(a, '/power?type=PENALTY')).cache).toBe('MISS')
    expect((await get(a, '/power?type=PENALTY')).cache).toBe('HIT')
  })

  it("never serves one user's answer to another or to a visitor", async () => {
    for (let round = 0; round < 2; round++) {
      const mine = await get(a, '/api/workspace/power-items?pageSize=5', police)
      const theirs = await get(a, '/api/workspace/power-items?pageSize=5', civil)
      expect(mine.cache).toBeNull()
      expect((JSON.parse(mine.body) as WorkspacePage<WorkspacePowerItem>).items.every((i) => i.department.name === '区公安分局')).toBe(true)
      expect((JSON.parse(theirs.body) as WorkspacePage<WorkspacePowerItem>).items.every((i) => i.department.name === '区民政局')).toBe(true)
      expect(JSON.parse((await get(a, '/api/auth/me', police)).body)).toMatchObject({ user: { username: 'police.editor' } })
      expect((await get(a, '/api/auth/me')).status).toBe(401)
      expect((await get(a, '/api/workspace/power-items?pageSize=5')).status).toBe(401)
    }
  })
})
