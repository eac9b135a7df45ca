// The headers a browser relies on, on pages and API answers of the built portal; the session
// cookie's attributes directly and behind an HTTPS proxy; and what an internal error tells a
// visitor (nothing about the code) against what it tells the operator (the log).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startPortal, type Portal } from '../helpers/portal'
import { createDatabase, migrate, testConfig } from '../helpers/services'
import { api } from '../helpers/session'
import { openDatabase } from '../../server/utils/prisma'
import { ensureDemoAccounts } from '../../server/services/auth/demo-accounts'
import { DEMO_PASSWORD } from '../../shared/demo-accounts'
import { SESSION_COOKIE } from '../../shared/auth'

let portal: Portal
let securePortal: Portal

beforeAll(async () => {
  const url = await createDatabase()
  await migrate(url)
  const config = testConfig(url)
  const db = await openDatabase(config)
  try {
    // The demo editors' departments; no other data is needed here.
    await db.prisma.department.createMany({ data: [{ code: 'police', name: '区公安分局', areaCode: '511602' }, { code: 'civil', name: '区民政局', areaCode: '511602' }] })
    await ensureDemoAccounts(db.prisma)
    // The announcements' table is gone: reading them fails inside the service, as an
    // unexpected database error would.
    await db.prisma.$executeRawUnsafe('DROP TABLE "Announcement" CASCADE')
  } finally {
    await db.close()
  }
  portal = await startPortal(config, { NUXT_PUBLIC_DEMO: '1' })
  securePortal = await startPortal(config, { NUXT_PUBLIC_DEMO: '1', SECURE_COOKIES: '1' })
})

afterAll(async () => {
  await portal?.stop()
  await securePortal?.stop()
})

function expectCommonHeaders(res: Response, what: string) {
  expect(res.headers.get('x-content-type-options'), what).toBe('nosniff')
  expect(res.headers.get('x-frame-options'), what).toBe('DENY')
  // Nitro's error answers carry the stricter no-referrer.
  expect(['strict-origin-when-cross-origin', 'no-referrer'], what).toContain(res.headers.get('referrer-policy'))
}

function directives(policy: string | null): Map<string, string[]> {
  return new Map((policy ?? '').split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([name, ...values]) => [name!, values]))
}

describe('HTML pages', () => {
  for (const path of ['/', '/power', '/search?q=%E6%8A%A4%E7%85%A7', '/en', '/admin/login', '/no-such-page']) {
    it(`${path}: a script policy without 'unsafe-inline', no framing, nosniff, a referrer policy`, async () => {
      const res = await fetch(`${portal.url}${path}`, { headers: { accept: 'text/html' } })
      expect(res.headers.get('content-type')).toMatch(/^text\/html/)
      expectCommonHeaders(res, path)
      const csp = directives(res.headers.get('content-security-policy'))
      const scripts = csp.get('script-src') ?? csp.get('default-src')
      expect(scripts, 'script-src').toBeDefined()
      expect(scripts).not.toContain("'unsafe-inline'")
      expect(scripts).not.toContain("'unsafe-eval'")
      expect(scripts!.some((s) => s === '*' || /^https?:$/.test(s)), 'script-src allows any host').toBe(false)
      expect(csp.get('frame-ancestors')).toEqual(["'none'"])
      expect(csp.get('object-src')).toEqual(["'none'"])
      expect(csp.get('base-uri')).toEqual(["'self'"])
    })
  }
})

describe('API answers', () => {
  const cases: [string, number][] = [
    ['/api/health', 200],
    ['/api/v1/power-items', 200],
    ['/api/open-data/power.csv', 200],
    ['/api/auth/me', 401],
    ['/api/search?q=a%00b', 400],
    ['/api/no-such-route', 404],
  ]
  for (const [path, status] of cases) {
    it(`${path} (${status}): nosniff, no framing, no content of its own to run`, async () => {
      const res = await fetch(`${portal.url}${path}`)
      expect(res.status).toBe(status)
      expectCommonHeaders(res, path)
      const csp = directives(res.headers.get('content-security-policy'))
      expect(csp.get('script-src') ?? csp.get('default-src')).toEqual(["'none'"])
      expect(csp.get('frame-ancestors')).toEqual(["'none'"])
      if (status >= 400) expect(res.headers.get('content-type')).toMatch(/^application\/json/)
    })
  }
})

describe('the session cookie', () => {
  const login = (target: Portal, headers: Record<string, string> = {}) =>
    api(target, 'POST', '/api/auth/login', { body: { username: 'auditor', password: DEMO_PASSWORD }, headers })
  const cookieOf = (res: Response) => res.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`))

  it('is HttpOnly and SameSite=Strict, and not Secure over plain HTTP (it would never come back)', async () => {
    const res = await login(portal)
    expect(res.status).toBe(200)
    const cookie = cookieOf(res)!
    expect(cookie).toMatch(/; HttpOnly/i)
    expect(cookie).toMatch(/; SameSite=Strict/i)
    expect(cookie).not.toMatch(/; Secure/i)
    expect(res.headers.get('strict-transport-security')).toBeNull()
  })

  it('is Secure, with HSTS, when a TLS-terminating proxy says the browser used HTTPS', async () => {
    const res = await login(portal, { 'x-forwarded-proto': 'https' })
    expect(cookieOf(res)).toMatch(/; Secure/i)
    expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d{7,}/)
  })

  it('is always Secure with SECURE_COOKIES=1, for proxies that do not say', async () => {
    const res = await login(securePortal)
    expect(res.status).toBe(200)
    expect(cookieOf(res)).toMatch(/; Secure/i)
    expect(cookieOf(res)).toMatch(/; HttpOnly/i)
    expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d{7,}/)
  })
})

describe('an internal error', () => {
  const LEAKS = [/\bat .+:\d+:\d+/, /\.m?[jt]s\b/, /\/(work|home|root|tmp|usr)\//, /node_modules/, /prisma/i, /Announcement/, /does not exist/i, /\bstack\b/i, /SELECT|relation/i]

  it('answers an API client with a bare 500 and the code INTERNAL_ERROR, naming nothing inside', async () => {
    const res = await fetch(`${portal.url}/api/v1/announcements`)
    expect(res.status).toBe(500)
    expect(res.headers.get('content-type')).toMatch(/^application\/json/)
    const text = await res.text()
    for (const leak of LEAKS) expect(text, String(leak)).not.toMatch(leak)
    expect(JSON.parse(text)).toMatchObject({ statusCode: 500, data: { error: 'INTERNAL_ERROR' } })
    expectCommonHeaders(res, 'the 500')
  })

  it('shows a visitor a page that names nothing inside either, not even in its payload', async () => {
    const res = await fetch(`${portal.url}/announcements`, { headers: { accept: 'text/html' } })
    // The page's styles come with it (the build's CSS, no answer of the server's): `select` and the like are CSS there.
    const html = (await res.text()).replace(/<style[^>]*>[\s\S]*?<\/style>/g, '')
    expect(html).toContain('</html>')
    for (const leak of LEAKS.filter((l) => !/\.m\?\[jt\]s/.test(String(l)))) expect(html, String(leak)).not.toMatch(leak)
    expect(html).not.toMatch(/\bat .+\.m?js:\d+/)
  })

  it('tells the operator what went wrong, in the log', () => {
    expect(portal.output()).toMatch(/Announcement/)
  })
})
