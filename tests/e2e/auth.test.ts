// Accounts and access on the built portal: the session cookie, CSRF, login refusals, and the
// access matrix: every API route on disk × every role, so that a route added without an entry
// in ACCESS fails this test instead of shipping unguarded.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startPortal, startPortalWithRealData, type Portal } from '../helpers/portal'
import type { AppConfig } from '../../server/utils/config'
import { api, sessionCookie, signIn } from '../helpers/session'
import { routesOnDisk } from '../helpers/routes'
import { blockBrowser, hasChromium, hydrated, seriousViolations, visit } from '../helpers/browser'
import { openDatabase } from '../../server/utils/prisma'
import { ensureDemoAccounts } from '../../server/services/auth/demo-accounts'
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../shared/demo-accounts'
import { SESSION_COOKIE } from '../../shared/auth'
import type { SearchResult } from '../../shared/search'

type Who = 'anonymous' | 'editorA' | 'editorB' | 'reform' | 'auditor' | 'admin'
const SIGNED_IN: Exclude<Who, 'anonymous'>[] = ['editorA', 'editorB', 'reform', 'auditor', 'admin']
const ALL_ROLES = SIGNED_IN
const USERNAMES: Record<Exclude<Who, 'anonymous'>, string> = {
  editorA: 'police.editor', // 区公安分局
  editorB: 'civil.editor', // 区民政局
  reform: 'reform.office',
  auditor: 'auditor',
  admin: 'admin',
}

interface Fixtures {
  itemCode: string
  /** a power item of 区公安分局, and change requests of 区公安分局 (one kept for the withdraw route) */
  policeItemId: number
  policeDepartmentId: number
  policeRequestId: number
  withdrawRequestId: number
  /** a duty of 区公安分局 and a special fund of 区民政局 (区公安分局 has none) */
  policeDutyId: number
  civilFundId: number
  /** a service hall of 区公安分局, and a life event (which belongs to no department) */
  policeHallId: number
  lifeEventId: number
}

/**
 * How each route must answer. `public`: anonymous visitors are served. Otherwise `allow` names
 * who may pass the guard (for a route on a department's record, point `path` at a record of
 * 区公安分局, so that editorA is allowed and editorB gets 403); everyone else gets 403, and
 * anonymous visitors 401. Requests carry a body that passes the guard but not validation
 * where possible, so the matrix changes nothing.
 */
type Access =
  | { public: true; path?: (f: Fixtures) => string; body?: unknown }
  | { public?: false; path?: (f: Fixtures) => string; body?: unknown; allow: Exclude<Who, 'anonymous'>[]; endsSession?: true }

const ACCESS: Record<string, Access> = {
  'GET /api/health': { public: true },
  'GET /api/stats': { public: true },
  'GET /api/search': { public: true, path: () => `/api/search?q=${encodeURIComponent('护照')}` },
  'GET /api/search/popular': { public: true },
  // Feeds and email subscriptions are the public's; a subscription is proved by its mail's token.
  'GET /api/feeds/announcements': { public: true },
  'GET /api/feeds/changes': { public: true, path: () => '/api/feeds/changes?list=power' },
  'POST /api/subscriptions': { public: true, body: {} },
  'POST /api/subscriptions/confirm': { public: true, body: {} },
  'POST /api/subscriptions/unsubscribe': { public: true, body: {} },
  // RFC 8058 one-click unsubscribe: called by mail clients, with the mail's token in the address.
  'GET /api/subscriptions/one-click': { public: true, path: () => `/api/subscriptions/one-click?token=1.${'x'.repeat(43)}` },
  'POST /api/subscriptions/one-click': { public: true, path: () => `/api/subscriptions/one-click?token=1.${'x'.repeat(43)}` },
  'GET /api/admin/mails': { allow: ['admin'] },
  // Login needs no session; an empty body is refused by validation, not by a guard.
  'POST /api/auth/login': { public: true, body: {} },
  'GET /api/auth/me': { allow: ALL_ROLES },
  'POST /api/auth/password': { allow: ALL_ROLES, body: {} },
  // Logout ends the session it is called with: each role calls it with a session of its own.
  'POST /api/auth/logout': { allow: ALL_ROLES, endsSession: true },
  'GET /api/admin/users': { allow: ['admin'] },
  'POST /api/admin/users': { allow: ['admin'], body: {} },
  'PATCH /api/admin/users/[id]': { allow: ['admin'], path: () => '/api/admin/users/999999', body: {} },
  'POST /api/admin/users/[id]/reset-password': { allow: ['admin'], path: () => '/api/admin/users/999999/reset-password' },
  'GET /api/admin/departments': { allow: ['admin'] },
  'POST /api/admin/departments': { allow: ['admin'], body: {} },
  'PATCH /api/admin/departments/[id]': { allow: ['admin'], path: () => '/api/admin/departments/999999', body: {} },
  // The review workflow: drafts of 区公安分局 are editorA's; the reform office decides and publishes.
  'GET /api/change-requests': { allow: ['editorA', 'editorB', 'reform', 'auditor'] },
  'POST /api/change-requests': { allow: ['editorA', 'editorB'], body: {} },
  'GET /api/change-requests/[id]': { allow: ['editorA', 'reform', 'auditor'], path: (f) => `/api/change-requests/${f.policeRequestId}` },
  'PUT /api/change-requests/[id]': { allow: ['editorA'], path: (f) => `/api/change-requests/${f.policeRequestId}`, body: {} },
  'POST /api/change-requests/[id]/submit': { allow: ['editorA'], path: (f) => `/api/change-requests/${f.policeRequestId}/submit`, body: {} },
  'POST /api/change-requests/[id]/withdraw': { allow: ['editorA'], path: (f) => `/api/change-requests/${f.withdrawRequestId}/withdraw` },
  'POST /api/change-requests/[id]/decision': { allow: ['reform'], path: (f) => `/api/change-requests/${f.policeRequestId}/decision`, body: {} },
  'POST /api/change-requests/decisions': { allow: ['reform'], body: {} },
  'POST /api/change-requests/submissions': { allow: ['editorA', 'editorB'], body: {} },
  'GET /api/list-versions': { allow: ['reform'] },
  'POST /api/list-versions': { allow: ['reform'], body: {} },
  'POST /api/list-versions/[id]/publish': { allow: ['reform'], path: () => '/api/list-versions/999999/publish' },
  'DELETE /api/list-versions/[id]/changes/[changeRequestId]': { allow: ['reform'], path: () => '/api/list-versions/999999/changes/999999' },
  'GET /api/audit/entries': { allow: ['auditor'] },
  'GET /api/audit/verify': { allow: ['auditor'] },
  'GET /api/history/power-items/[id]': { allow: ['editorA', 'reform', 'auditor'], path: (f) => `/api/history/power-items/${f.policeItemId}` },
  // The published items a workspace proposes changes for: an editor's own department only.
  'GET /api/workspace/power-items': { allow: ['editorA', 'editorB', 'reform', 'auditor'] },
  'GET /api/workspace/power-items/[id]': { allow: ['editorA', 'reform', 'auditor'], path: (f) => `/api/workspace/power-items/${f.policeItemId}` },
  'GET /api/workspace/duties': { allow: ['editorA', 'editorB', 'reform', 'auditor'] },
  'GET /api/workspace/duties/[id]': { allow: ['editorA', 'reform', 'auditor'], path: (f) => `/api/workspace/duties/${f.policeDutyId}` },
  'GET /api/workspace/funds': { allow: ['editorA', 'editorB', 'reform', 'auditor'] },
  'GET /api/workspace/funds/[id]': { allow: ['editorB', 'reform', 'auditor'], path: (f) => `/api/workspace/funds/${f.civilFundId}` },
  'GET /api/history/power-list': { allow: ['editorA', 'editorB', 'reform', 'auditor'], path: () => '/api/history/power-list?date=2026-01-01' },
  // Exporting what the back office shows needs data:export as well as history:read.
  'GET /api/history/power-list.csv': { allow: ['auditor'], path: () => '/api/history/power-list.csv?date=2026-01-01' },
  'GET /api/history/responsibility-list.csv': { allow: ['auditor'], path: () => '/api/history/responsibility-list.csv?date=2026-01-01' },
  'GET /api/history/fund-list.csv': { allow: ['auditor'], path: () => '/api/history/fund-list.csv?date=2026-01-01' },
  'GET /api/history/responsibility-list': { allow: ['editorA', 'editorB', 'reform', 'auditor'], path: () => '/api/history/responsibility-list?date=2026-01-01' },
  'GET /api/history/fund-list': { allow: ['editorA', 'editorB', 'reform', 'auditor'], path: () => '/api/history/fund-list?date=2026-01-01' },
  'GET /api/history/duties/[id]': { allow: ['editorA', 'reform', 'auditor'], path: (f) => `/api/history/duties/${f.policeDutyId}` },
  'GET /api/history/funds/[id]': { allow: ['editorB', 'reform', 'auditor'], path: (f) => `/api/history/funds/${f.civilFundId}` },
  // Who changed a record: those who read its history, for its department.
  'GET /api/history/stories/power-items/[id]': { allow: ['editorA', 'reform', 'auditor'], path: (f) => `/api/history/stories/power-items/${f.policeItemId}` },
  'GET /api/history/stories/duties/[id]': { allow: ['editorA', 'reform', 'auditor'], path: (f) => `/api/history/stories/duties/${f.policeDutyId}` },
  'GET /api/history/stories/funds/[id]': { allow: ['editorB', 'reform', 'auditor'], path: (f) => `/api/history/stories/funds/${f.civilFundId}` },
  // The spreadsheet import: editors import into their own department; the export of 区公安分局
  // is editorA's and readable by those who read every department's drafts.
  'GET /api/import/templates/[file]': { allow: ['editorA', 'editorB'], path: () => '/api/import/templates/duties.xlsx' },
  'GET /api/import/exports/[file]': { allow: ['editorA', 'reform', 'auditor'], path: (f) => `/api/import/exports/power-items.csv?dept=${f.policeDepartmentId}` },
  'POST /api/import/power-items': { allow: ['editorA', 'editorB'], path: () => '/api/import/power-items?dryRun=1', body: {} },
  'POST /api/import/duties': { allow: ['editorA', 'editorB'], path: () => '/api/import/duties?dryRun=1', body: {} },
  'POST /api/import/funds': { allow: ['editorA', 'editorB'], path: () => '/api/import/funds?dryRun=1', body: {} },
  // The search dictionary is kept by the reform office and the administrators.
  'GET /api/synonyms': { allow: ['reform', 'admin'] },
  'POST /api/synonyms': { allow: ['reform', 'admin'], body: {} },
  'PATCH /api/synonyms/[id]': { allow: ['reform', 'admin'], path: () => '/api/synonyms/999999', body: {} },
  'DELETE /api/synonyms/[id]': { allow: ['reform', 'admin'], path: () => '/api/synonyms/999999' },
  'GET /api/synonyms/stop-words': { allow: ['reform', 'admin'] },
  'PUT /api/synonyms/stop-words': { allow: ['reform', 'admin'], body: {} },
  // What citizens search for, 大家都在搜 and the needs handled elsewhere: the reform office and the administrators.
  'POST /api/search/opened': { public: true, body: {} },
  'GET /api/search/analytics': { allow: ['reform', 'admin'], path: () => '/api/search/analytics?from=2026-01-01&to=2026-01-31' },
  'GET /api/search/popular-terms': { allow: ['reform', 'admin'] },
  'POST /api/search/popular-terms': { allow: ['reform', 'admin'], body: {} },
  'DELETE /api/search/popular-terms/[id]': { allow: ['reform', 'admin'], path: () => '/api/search/popular-terms/999999' },
  'GET /api/search/referrals': { allow: ['reform', 'admin'] },
  'POST /api/search/referrals': { allow: ['reform', 'admin'], body: {} },
  'PATCH /api/search/referrals/[id]': { allow: ['reform', 'admin'], path: () => '/api/search/referrals/999999', body: {} },
  'DELETE /api/search/referrals/[id]': { allow: ['reform', 'admin'], path: () => '/api/search/referrals/999999' },
  // Service guides, a record kind of the workspace, history and import routes (a guide by its
  // item's id): drafts go through /api/change-requests; the workspace lists what each guide lacks.
  'GET /api/workspace/guides': { allow: ['editorA', 'editorB', 'reform', 'auditor'] },
  'GET /api/workspace/guides/[id]': { allow: ['editorA', 'reform', 'auditor'], path: (f) => `/api/workspace/guides/${f.policeItemId}` },
  'GET /api/history/guides/[id]': { allow: ['editorA', 'reform', 'auditor'], path: (f) => `/api/history/guides/${f.policeItemId}` },
  'POST /api/import/guides': { allow: ['editorA', 'editorB'], path: () => '/api/import/guides?dryRun=1', body: {} },
  // Service halls are kept by their department's editors (and administrators).
  'GET /api/service-halls': { allow: ['editorA', 'editorB', 'admin'] },
  'POST /api/service-halls': { allow: ['editorA', 'editorB', 'admin'], body: {} },
  'PATCH /api/service-halls/[id]': { allow: ['editorA', 'admin'], path: (f) => `/api/service-halls/${f.policeHallId}`, body: {} },
  // Life events are curated by the reform office; they belong to no department, so editors read no history of them.
  'GET /api/life-events': { allow: ['reform'] },
  'POST /api/life-events': { allow: ['reform'], body: {} },
  'PUT /api/life-events/[id]': { allow: ['reform'], path: (f) => `/api/life-events/${f.lifeEventId}`, body: {} },
  'GET /api/history/life-events/[id]': { allow: ['reform', 'auditor'], path: (f) => `/api/history/life-events/${f.lifeEventId}` },
  // 督查: an editor reads their own department's findings; the office and auditors every one; only the office keeps the calendar.
  'GET /api/oversight/findings': { allow: ['editorA', 'editorB', 'reform', 'auditor'] },
  'GET /api/oversight/calendar': { allow: ['editorA', 'editorB', 'reform', 'auditor'] },
  'PUT /api/oversight/calendar/[date]': { allow: ['reform'], path: () => '/api/oversight/calendar/2031-01-06', body: {} },
  'DELETE /api/oversight/calendar/[date]': { allow: ['reform'], path: () => '/api/oversight/calendar/2031-01-06' },
  // 考核: scorecards read like the findings (an editor gets their own row); the office sets weights and takes a period.
  'GET /api/oversight/scorecards': { allow: ['editorA', 'editorB', 'reform', 'auditor'] },
  'POST /api/oversight/scorecards': { allow: ['reform'], body: {} },
  'GET /api/oversight/scorecards/[id]': { allow: ['editorA', 'editorB', 'reform', 'auditor'], path: () => '/api/oversight/scorecards/999999' },
  'GET /api/oversight/scorecards/[id]/export': { allow: ['editorA', 'editorB', 'reform', 'auditor'], path: () => '/api/oversight/scorecards/999999/export' },
  'PUT /api/oversight/scorecard-weights': { allow: ['reform'], body: {} },
  // 目标责任: departments read their own tasks, the office and auditors all; the office records them; only the lead department reports.
  'GET /api/reform/results': { public: true },
  'GET /api/reform/tasks': { allow: ['editorA', 'editorB', 'reform', 'auditor'] },
  'POST /api/reform/tasks': { allow: ['reform'], body: {} },
  'GET /api/reform/tasks/[id]': { allow: ['editorA', 'editorB', 'reform', 'auditor'], path: () => '/api/reform/tasks/999999' },
  'PUT /api/reform/tasks/[id]': { allow: ['reform'], path: () => '/api/reform/tasks/999999', body: {} },
  'POST /api/reform/tasks/[id]/reports': { allow: ['editorA', 'editorB'], path: () => '/api/reform/tasks/999999/reports', body: {} },
}

/** Public areas of the API owned by other parts of the product: served to anyone, whatever the route. */
const PUBLIC_AREAS = [/^GET \/api\/v1\//, /^GET \/api\/open-data(\/|$)/, /^GET \/api\/openapi\.json$/]

let portal: Portal
let config: AppConfig
let fixtures: Fixtures
const cookies = {} as Record<Exclude<Who, 'anonymous'>, string>

beforeAll(async () => {
  const started = await startPortalWithRealData({ NUXT_PUBLIC_DEMO: '1' })
  portal = started.portal
  config = started.config
  const db = await openDatabase(started.config)
  let records: Pick<Fixtures, 'policeDutyId' | 'civilFundId' | 'policeHallId' | 'lifeEventId'>
  try {
    await ensureDemoAccounts(db.prisma)
    records = {
      policeDutyId: (await db.prisma.duty.findFirstOrThrow({ where: { department: { name: '区公安分局' } }, select: { id: true } })).id,
      civilFundId: (await db.prisma.specialFund.findFirstOrThrow({ where: { department: { name: '区民政局' } }, select: { id: true } })).id,
      policeHallId: (await db.prisma.serviceHall.findFirstOrThrow({ where: { department: { name: '区公安分局' } }, select: { id: true } })).id,
      lifeEventId: (await db.prisma.lifeEvent.findFirstOrThrow({ select: { id: true } })).id,
    }
  } finally {
    await db.close()
  }
  for (const who of SIGNED_IN) cookies[who] = await signIn(portal, USERNAMES[who], DEMO_PASSWORD)
  const hits = await (await fetch(`${portal.url}/api/search?q=${encodeURIComponent('护照')}`)).json() as SearchResult
  const policeItemId = hits.hits[0]!.entityId
  const draft = async (action: string) => {
    const res = await api(portal, 'POST', '/api/change-requests', { cookie: cookies.editorA, body: { action, entityId: action === 'RETAIN' ? policeItemId : otherPoliceItem } })
    if (res.status !== 201) throw new Error(`draft refused: ${res.status} ${await res.text()}`)
    return (await res.json() as { id: number }).id
  }
  const others = await (await fetch(`${portal.url}/api/search?dept=${hits.hits[0]!.departmentId}&type=LICENSING`)).json() as SearchResult
  const otherPoliceItem = others.hits.map((h) => h.entityId).find((id) => id !== policeItemId)!
  fixtures = { ...records, itemCode: hits.hits[0]!.code, policeItemId, policeDepartmentId: hits.hits[0]!.departmentId, policeRequestId: await draft('RETAIN'), withdrawRequestId: await draft('CANCEL') }
})

afterAll(async () => { await portal?.stop() })

describe('the session', () => {
  it('is an HttpOnly, SameSite=Strict cookie of 8 hours, Secure only behind HTTPS', async () => {
    const res = await api(portal, 'POST', '/api/auth/login', { body: { username: 'auditor', password: DEMO_PASSWORD } })
    expect(res.status).toBe(200)
    const set = res.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`))!
    expect(set).toMatch(/; HttpOnly/i)
    expect(set).toMatch(/; SameSite=Strict/i)
    expect(set).not.toMatch(/; Secure/i)
    const expires = new Date(/Expires=([^;]+)/i.exec(set)![1]!).getTime()
    expect(Math.abs(expires - Date.now() - 8 * 3600_000)).toBeLessThan(60_000)
    const behindHttps = await api(portal, 'POST', '/api/auth/login', { body: { username: 'auditor', password: DEMO_PASSWORD }, headers: { 'x-forwarded-proto': 'https' } })
    expect(behindHttps.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`))).toMatch(/; Secure/i)
  })

  it('tells who is signed in, and logs out', async () => {
    const cookie = await signIn(portal, 'police.editor', DEMO_PASSWORD)
    const me = await (await api(portal, 'GET', '/api/auth/me', { cookie })).json()
    expect(me.user).toMatchObject({ username: 'police.editor', role: 'EDITOR', departmentName: '区公安分局', mustChangePassword: false })
    expect(me.user.permissions).toContain('draft:write')
    expect(JSON.stringify(me)).not.toContain('argon2')

    const out = await api(portal, 'POST', '/api/auth/logout', { cookie })
    expect(out.status).toBe(200)
    expect(sessionCookie(out)).toBe(`${SESSION_COOKIE}=`)
    const after = await api(portal, 'GET', '/api/auth/me', { cookie: sessionCookie(out) })
    expect(after.status).toBe(401)
    expect((await after.json()).data.error).toBe('UNAUTHENTICATED')
    // A copy of the cookie kept from before the logout opens nothing either.
    const copied = await api(portal, 'GET', '/api/auth/me', { cookie })
    expect(copied.status).toBe(401)
  })

  it('gives anonymous visitors of public pages no cookie at all', async () => {
    const res = await fetch(`${portal.url}/`)
    expect(res.status).toBe(200)
    expect(res.headers.getSetCookie().filter((c) => c.startsWith(`${SESSION_COOKIE}=`))).toEqual([])
  })

  it("does not serve nuxt-auth-utils' own session routes, which would bypass the audit log", async () => {
    expect((await api(portal, 'GET', '/api/_auth/session', { cookie: cookies.admin })).status).toBe(404)
    expect((await api(portal, 'DELETE', '/api/_auth/session', { cookie: cookies.admin })).status).toBe(404)
  })
})

describe('login refusals', () => {
  it('answers a wrong password with 401 and a machine-readable error that does not tell whether the user exists', async () => {
    const wrong = await api(portal, 'POST', '/api/auth/login', { body: { username: 'admin', password: 'not-the-password' } })
    const unknown = await api(portal, 'POST', '/api/auth/login', { body: { username: 'no-such-user', password: 'not-the-password' } })
    expect([wrong.status, unknown.status]).toEqual([401, 401])
    const [a, b] = [await wrong.json(), await unknown.json()]
    expect(a.data).toEqual(b.data)
    expect(a.data).toMatchObject({ error: 'INVALID_CREDENTIALS' })
    expect(sessionCookie(wrong)).toBeNull()
  })

  it('refuses cross-origin and unmarked mutating requests with 403 CSRF, login included', async () => {
    const body = { username: 'admin', password: DEMO_PASSWORD }
    const evil = await api(portal, 'POST', '/api/auth/login', { body, headers: { origin: 'https://evil.example' } })
    expect(evil.status).toBe(403)
    expect((await evil.json()).data.error).toBe('CSRF')
    expect((await api(portal, 'POST', '/api/auth/login', { body, headers: { 'sec-fetch-site': 'cross-site' } })).status).toBe(403)
    expect((await api(portal, 'POST', '/api/auth/logout', { cookie: cookies.admin, headers: { 'sec-fetch-site': 'same-site' } })).status).toBe(403)
    const bare = await fetch(`${portal.url}/api/admin/departments`, { method: 'POST', headers: { cookie: cookies.admin, 'content-type': 'application/json' }, body: '{}' })
    expect(bare.status).toBe(403)
    const sameOrigin = await api(portal, 'POST', '/api/admin/departments', { cookie: cookies.admin, body: {}, headers: { 'sec-fetch-site': 'same-origin' } })
    expect(sameOrigin.status).toBe(400)
  })
})

describe('one-click unsubscribe (RFC 8058)', () => {
  it('ends a subscription with one POST from a mail client, without session or origin, and only with the token of its mail', async () => {
    const sent = await api(portal, 'POST', '/api/subscriptions', { body: { email: 'one.click@example.com', topic: { kind: 'announcements' }, frequency: 'IMMEDIATE' } })
    expect(sent.status).toBe(200)
    const db = await openDatabase(config)
    try {
      const mail = await db.prisma.outgoingMail.findFirstOrThrow({ where: { to: 'one.click@example.com' }, select: { unsubscribeUrl: true } })
      const target = new URL(mail.unsubscribeUrl!)
      expect(target.pathname).toBe('/api/subscriptions/one-click')
      const oneClick = (query: string) => fetch(`${portal.url}${target.pathname}${query}`, {
        method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click',
      })
      // Not CSRF-refused: a forged token is simply not found, and changes nothing.
      const forged = await oneClick(`?token=${target.searchParams.get('token')!.split('.')[0]}.${'x'.repeat(43)}`)
      expect(forged.status).toBe(404)
      expect((await forged.json()).data.error).toBe('SUBSCRIPTION_NOT_FOUND')
      expect(await db.prisma.subscription.count({ where: { email: 'one.click@example.com' } })).toBe(1)
      const done = await oneClick(target.search)
      expect(done.status).toBe(200)
      expect(await db.prisma.subscription.count({ where: { email: 'one.click@example.com' } })).toBe(0)
      // A client that opens the address instead lands on the page that asks first.
      const opened = await fetch(`${portal.url}${target.pathname}${target.search}`, { redirect: 'manual' })
      expect(opened.status).toBe(303)
      expect(opened.headers.get('location')).toBe(`/follow/unsubscribe${target.search}`)
    } finally {
      await db.close()
    }
  })

  it('answers a flood of subscription requests from one client with 429 and when to try again', async () => {
    const statuses: number[] = []
    let refused: Response | undefined
    for (let i = 0; i < 25 && !refused; i++) {
      const res = await api(portal, 'POST', '/api/subscriptions', { body: { email: `flood${i}@example.com`, topic: { kind: 'announcements' }, frequency: 'WEEKLY' } })
      statuses.push(res.status)
      if (res.status === 429) refused = res
    }
    expect(refused, `statuses: ${statuses.join(',')}`).toBeDefined()
    expect((await refused!.json()).data).toMatchObject({ error: 'TOO_MANY_REQUESTS', retryAt: expect.any(String) })
    expect(Number(refused!.headers.get('retry-after'))).toBeGreaterThan(0)
  })
})

describe('the access matrix', () => {
  it('has an entry for every API route, and no entry for a route that is gone', () => {
    const onDisk = routesOnDisk()
    const uncovered = onDisk.filter((r) => !ACCESS[r] && !PUBLIC_AREAS.some((area) => area.test(r)))
    expect(uncovered, 'add these routes to ACCESS in tests/e2e/auth.test.ts').toEqual([])
    expect(Object.keys(ACCESS).filter((r) => !onDisk.includes(r))).toEqual([])
  })

  const concrete = (route: string) => route.split(' ')[1]!.replace(/\[\.{3}[^\]]+\]|\[[^\]]+\]/g, 'x')

  it('serves every public route to anonymous visitors', async () => {
    for (const route of routesOnDisk()) {
      const entry = ACCESS[route]
      if (entry && !entry.public) continue
      const method = route.split(' ')[0] === '*' ? 'GET' : route.split(' ')[0]!
      const res = await api(portal, method, entry?.path?.(fixtures) ?? concrete(route), { body: entry?.body })
      expect.soft(res.status, `${route} for anonymous`).not.toBe(401)
      expect.soft(res.status, `${route} for anonymous`).not.toBe(403)
      expect.soft(res.status, `${route} for anonymous`).toBeLessThan(500)
    }
  })

  for (const [route, entry] of Object.entries(ACCESS)) {
    if (entry.public) continue
    it(`${route}: 401 anonymous, 403 outside ${entry.allow.join(', ')}`, async () => {
      const [method] = route.split(' ') as [string]
      const target = entry.path?.(fixtures) ?? concrete(route)
      const anonymous = await api(portal, method, target, { body: entry.body })
      expect(anonymous.status, 'anonymous').toBe(401)
      expect((await anonymous.json()).data.error).toBe('UNAUTHENTICATED')
      for (const who of SIGNED_IN) {
        const cookie = entry.endsSession ? await signIn(portal, USERNAMES[who], DEMO_PASSWORD) : cookies[who]
        const res = await api(portal, method, target, { cookie, body: entry.body })
        if (entry.allow.includes(who)) {
          expect.soft([401, 403], `${route} for ${who}`).not.toContain(res.status)
          expect.soft(res.status, `${route} for ${who}`).toBeLessThan(500)
        } else {
          expect.soft(res.status, `${route} for ${who}`).toBe(403)
        }
      }
    })
  }
})

describe('the back-office pages', () => {
  it('sends anonymous visitors of /admin to the login page', async () => {
    const res = await fetch(`${portal.url}/admin/users`, { redirect: 'manual' })
    expect([301, 302, 303, 307]).toContain(res.status)
    expect(res.headers.get('location')).toMatch(/\/admin\/login(\?|$)/)
  })

  it('lists the demo accounts on the login page in demo mode', async () => {
    const html = await (await fetch(`${portal.url}/admin/login`)).text()
    for (const account of DEMO_ACCOUNTS) expect(html).toContain(account.username)
    expect(html).toContain(DEMO_PASSWORD)
  })

  it('renders the workspace of a signed-in user with their department', async () => {
    const html = await (await fetch(`${portal.url}/admin`, { headers: { cookie: cookies.editorA } })).text()
    expect(html).toContain('区公安分局')
    expect(html).toContain('公安分局经办人')
  })

  it('shows each page to the roles its permission names and tells the others, under the back-office navigation', async () => {
    const PAGES: Record<string, Who[]> = {
      '/admin': SIGNED_IN,
      '/admin/account': SIGNED_IN,
      '/admin/workspace': ['editorA', 'editorB'],
      '/admin/workspace/drafts/new': ['editorA', 'editorB'],
      '/admin/import': ['editorA', 'editorB'],
      '/admin/review': ['reform'],
      '/admin/review/versions': ['reform'],
      '/admin/synonyms': ['reform', 'admin'],
      '/admin/oversight': ['editorA', 'editorB', 'reform', 'auditor'],
      '/admin/oversight/calendar': ['reform'],
      '/admin/oversight/scorecards': ['editorA', 'editorB', 'reform', 'auditor'],
      '/admin/history': ['editorA', 'editorB', 'reform', 'auditor'],
      '/admin/audit': ['auditor'],
      '/admin/users': ['admin'],
      '/admin/departments': ['admin'],
      '/admin/mails': ['admin'],
    }
    for (const [path, allowed] of Object.entries(PAGES)) {
      for (const who of SIGNED_IN) {
        const res = await fetch(`${portal.url}${path}`, { headers: { cookie: cookies[who] } })
        const html = await res.text()
        expect.soft(res.status, `${path} for ${who}`).toBe(200)
        expect.soft(html, `${path} for ${who}`).toContain('退出登录')
        expect.soft(html, `${path} for ${who}`).toMatch(/<meta name="robots" content="noindex">/)
        expect.soft(html.includes('没有访问此页面的权限'), `${path} for ${who}`).toBe(!allowed.includes(who))
      }
    }
  })
})

describe.skipIf(!hasChromium)('the back office in a browser', () => {
  const browser = blockBrowser()

  it('signs in on a phone with the form, says why a login fails, and reaches the workspace', async () => {
    const page = await browser.newPage({ viewport: { width: 375, height: 812 }, locale: 'zh-CN' })
    await page.goto(`${portal.url}/admin/users`)
    await page.waitForURL(/\/admin\/login/)
    await hydrated(page)
    expect(await seriousViolations(page)).toEqual([])
    await page.getByLabel('用户名').fill('civil.editor')
    await page.getByLabel('密码').fill('wrong-password')
    await page.getByRole('button', { name: '登录' }).click()
    // A login checks an argon2 hash: on a loaded machine it takes longer than the default second.
    await expect.poll(() => page.getByRole('alert').first().textContent(), { timeout: 15_000 }).toContain('用户名或密码不正确')
    await page.getByLabel('密码').fill(DEMO_PASSWORD)
    await page.getByRole('button', { name: '登录' }).click()
    // An editor may not manage users: the redirect lands there and the page says so.
    // Once (CI, 2026-12-02) the page never got there in 30 s and passed in every run since: should
    // it happen again, the failure says where the page was and what it said.
    await page.waitForURL((url) => url.pathname === '/admin/users').catch(async (error: unknown) => {
      throw new Error(`no redirect after signing in: at ${page.url()}, alerts ${JSON.stringify(await page.getByRole('alert').allTextContents())}`, { cause: error })
    })
    await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('没有访问此页面的权限')
    await visit(page, `${portal.url}/admin`)
    expect(await page.locator('main').textContent()).toContain('区民政局')
    await page.close()
  })

  it('keeps the 登录 button where it is after a quick failed login, so the next tap signs in', async () => {
    const page = await browser.newPage({ viewport: { width: 375, height: 812 }, locale: 'zh-CN' })
    await visit(page, `${portal.url}/admin/login`)
    // The refusal comes back at once, as from a server with nothing else to do: before the fix,
    // the form's check of the password, still pending, then ran on the password the page clears
    // after a failed login, and said 请输入密码 under the field, pushing the button down.
    const refused = await api(portal, 'POST', '/api/auth/login', { body: { username: 'civil.editor', password: 'wrong-password' } })
    expect(refused.status).toBe(401)
    const refusal = await refused.text()
    await page.route('**/api/auth/login', (route) => route.fulfill({ status: 401, contentType: 'application/json', body: refusal }), { times: 1 })
    await page.getByLabel('用户名').fill('civil.editor')
    await page.getByLabel('密码').fill('wrong-password')
    await page.getByRole('button', { name: '登录' }).click()
    await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('用户名或密码不正确')
    // Longer than the 300 ms Nuxt UI waited before checking a field.
    await page.waitForTimeout(600)
    expect(await page.locator('form').textContent()).not.toContain('请输入密码')
    await page.getByLabel('密码').fill(DEMO_PASSWORD)
    await page.getByRole('button', { name: '登录' }).click()
    await page.waitForURL((url) => url.pathname === '/admin')
    await page.close()
  })

  it('shows field errors from the shared schema without asking the server', async () => {
    const page = await browser.newPage()
    await visit(page, `${portal.url}/admin/login`)
    await page.getByRole('button', { name: '登录' }).click()
    await expect.poll(() => page.locator('main').textContent()).toContain('请输入用户名')
    await page.close()
  })
})

describe('login limits behind a proxy (TRUST_PROXY=1)', () => {
  // A second portal process on the same database, as behind a load balancer: the test plays the
  // proxy, appending the address it "received the request from" to whatever the client sent.
  let proxied: Portal
  const via = (client: string, forged = '198.51.100.1') => ({ 'x-forwarded-for': `${forged}, ${client}` })
  const attempt = (username: string, password: string, client: string, forged?: string) =>
    api(proxied, 'POST', '/api/auth/login', { body: { username, password }, headers: via(client, forged) })

  beforeAll(async () => { proxied = await startPortal(config, { NUXT_PUBLIC_DEMO: '1', TRUST_PROXY: '1' }) })
  afterAll(async () => { await proxied?.stop() })

  it('counts the address the proxy saw: a forged X-Forwarded-For does not get past the limit', async () => {
    const answers: number[] = []
    for (let i = 0; i < 25; i++) answers.push((await attempt(`guess-${i}`, 'guess-guess', '203.0.113.10', `198.51.100.${i}`)).status)
    expect(answers.slice(0, 20)).toEqual(Array(20).fill(401))
    expect(answers.slice(20)).toEqual(Array(5).fill(429))
    // Another client behind the same proxy is not held back.
    expect((await attempt('auditor', DEMO_PASSWORD, '203.0.113.11')).status).toBe(200)
  }, 120_000)

  it('answers an unknown user and a throttled real one the same way, and lets the owner in from elsewhere', async () => {
    const last: Response[] = []
    for (const username of ['admin', 'no-such-user']) {
      let res: Response | undefined
      for (let i = 0; i < 6; i++) res = await attempt(username, `not-the-password-${i}`, '203.0.113.20')
      last.push(res!)
    }
    const [admin, unknown] = [await last[0]!.json(), await last[1]!.json()]
    expect([last[0]!.status, last[1]!.status]).toEqual([429, 429])
    expect(admin.data.error).toBe('TOO_MANY_ATTEMPTS')
    const shape = (data: { retryAt: string; message: string }) => ({ ...data, retryAt: 'at', message: data.message.replace(/\d\d:\d\d/, 'HH:MM') })
    expect(shape(admin.data)).toEqual(shape(unknown.data))
    expect(Number(last[0]!.headers.get('retry-after'))).toBeGreaterThan(0)
    // The administrator, from their own address, is not locked out by the attacker.
    expect((await attempt('admin', DEMO_PASSWORD, '203.0.113.21')).status).toBe(200)
  }, 120_000)

  it('limits guesses at the current password when changing it', async () => {
    const cookie = sessionCookie(await attempt('civil.editor', DEMO_PASSWORD, '203.0.113.30'))!
    const statuses: number[] = []
    let res: Response | undefined
    for (let i = 0; i < 8; i++) {
      res = await api(proxied, 'POST', '/api/auth/password', { cookie, headers: via('203.0.113.30'), body: { currentPassword: `guess-${i}-guess`, newPassword: 'another-password-1', confirmPassword: 'another-password-1' } })
      statuses.push(res.status)
    }
    expect(statuses.slice(0, 5)).toEqual(Array(5).fill(400))
    expect(statuses.slice(5)).toEqual(Array(3).fill(429))
    expect((await res!.json()).data).toMatchObject({ error: 'TOO_MANY_ATTEMPTS', retryAt: expect.any(String) })
    expect(Number(res!.headers.get('retry-after'))).toBeGreaterThan(0)
  }, 120_000)
})

describe('address limits', () => {
  // Last in the file: it spends this address's failures for the next 15 minutes.
  it('answers 429 with Retry-After once an address has failed too often', async () => {
    let res: Response | undefined
    for (let i = 0; i < 25; i++) {
      res = await api(portal, 'POST', '/api/auth/login', { body: { username: `guess-${i}`, password: 'guess-guess' } })
      if (res.status === 429) break
    }
    expect(res!.status).toBe(429)
    const body = await res!.json()
    expect(body.data).toMatchObject({ error: 'TOO_MANY_ATTEMPTS' })
    expect(new Date(body.data.retryAt).getTime()).toBeGreaterThan(Date.now())
    expect(Number(res!.headers.get('retry-after'))).toBeGreaterThan(0)
    // Even the right password waits.
    expect((await api(portal, 'POST', '/api/auth/login', { body: { username: 'admin', password: DEMO_PASSWORD } })).status).toBe(429)
  })
})
