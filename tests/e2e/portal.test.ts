// The whole stack as a user meets it: the built portal over PostgreSQL and Meilisearch, the
// real data loaded by the import command, found over HTTP and in a browser.
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import http from 'node:http'
import net from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDatabase, migrate, testConfig } from '../helpers/services'
import { blockBrowser, hasChromium, seriousViolations, visit } from '../helpers/browser'
import { startPortal, waitForIndex, type Portal } from '../helpers/portal'
import { freePort } from '../../scripts/lib/meilisearch-process'
import type { SearchResult } from '../../shared/search'
import type { PowerItemView } from '../../shared/items'

let portal: Portal
let config: ReturnType<typeof testConfig>

const get = (path: string) => fetch(`${portal.url}${path}`)
/** A GET with headers fetch() will not send as given (Host), through node:http. */
function getWithHeaders(path: string, headers: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    http.get(`${portal.url}${path}`, { headers }, (res) => {
      let body = ''
      res.setEncoding('utf8').on('data', (chunk: string) => { body += chunk }).on('end', () => resolve(body))
    }).on('error', reject)
  })
}
const getJson = async <T>(path: string) => (await get(path)).json() as Promise<T>
const hitNames = (r: SearchResult) => r.hits.map((h) => h.name.map((p) => p.text).join(''))

beforeAll(async () => {
  const url = await createDatabase()
  await migrate(url)
  config = testConfig(url)
  // The import command, as an operator runs it.
  const out = execFileSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/import.ts'], { env: { ...process.env, DATABASE_URL: url }, encoding: 'utf8' })
  expect(out).toContain('1135')
  portal = await startPortal(config)
  await waitForIndex(portal)
})

afterAll(async () => { await portal?.stop() })

describe('the portal over HTTP', () => {
  it('finds 普通护照签发 for 护照 and 犬类准养证核发 for 犬类', async () => {
    expect(hitNames(await getJson<SearchResult>(`/api/search?q=${encodeURIComponent('护照')}`))[0]).toBe('普通护照签发')
    expect(hitNames(await getJson<SearchResult>(`/api/search?q=${encodeURIComponent('犬类')}`)).slice(0, 3)).toContain('犬类准养证核发')
  })

  it('renders the results page on the server, with the query and facets in the URL', async () => {
    const police = (await getJson<SearchResult>('/api/search')).facets.dept.find((d) => d.label === '区公安分局')!
    const res = await get(`/search?q=${encodeURIComponent('护照')}&dept=${police.value}`)
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toMatch(/<mark>[^<]*护照[^<]*<\/mark>/)
    expect(html).toContain('区公安分局')
    expect(html).toMatch(/<title>[^<]*护照[^<]*<\/title>/)
  })

  it('serves an item page with everything known about the item', async () => {
    const hit = (await getJson<SearchResult>(`/api/search?q=${encodeURIComponent('护照')}`)).hits[0]!
    const item = await getJson<PowerItemView>(`/api/v1/power-items/${hit.code}`)
    expect(item).toMatchObject({ name: '普通护照签发', typeName: '行政许可', status: 'IN_FORCE', department: { name: '区公安分局' } })
    expect(item.duties[0]!.cases.length).toBeGreaterThan(0)
    const html = await (await get(`/items/${hit.code}`)).text()
    expect(html).toContain('<h1')
    expect(html).toContain('普通护照签发')
    expect(html).toContain('追责情形')
    expect(html).toContain('示例数据')
  })

  it('publishes a sitemap of every item, with English alternates, and a robots.txt that points to it', async () => {
    const res = await get('/sitemap.xml')
    expect(res.headers.get('content-type')).toContain('xml')
    const xml = await res.text()
    const hit = (await getJson<SearchResult>(`/api/search?q=${encodeURIComponent('护照')}`)).hits[0]!
    expect(xml).toContain(`/items/${hit.code}</loc>`)
    expect(xml).toContain(`hreflang="en" href="${portal.url}/en/items/${hit.code}"`)
    expect(xml.match(/<url>/g)!.length).toBeGreaterThan(1135)
    expect(await (await get('/robots.txt')).text()).toContain(`Sitemap: ${portal.url}/sitemap.xml`)
  })

  it('names its configured address (SITE_URL) in the sitemap and language links, whatever Host a request claims', async () => {
    const forged = { host: 'evil.example', 'x-forwarded-host': 'evil.example' }
    const hit = (await getJson<SearchResult>(`/api/search?q=${encodeURIComponent('护照')}`)).hits[0]!
    const sitemap = await getWithHeaders('/sitemap.xml', forged)
    expect(sitemap).toContain(`<loc>${portal.url}/items/${hit.code}</loc>`)
    expect(sitemap).not.toContain('evil.example')
    expect(await getWithHeaders('/robots.txt', forged)).toContain(`Sitemap: ${portal.url}/sitemap.xml`)
    const page = await getWithHeaders(`/items/${hit.code}`, forged)
    expect(page).toContain(`href="${portal.url}/en/items/${hit.code}"`)
    expect(page).not.toContain('evil.example')
    expect(page).not.toContain('localhost:3000')
  })

  it('refuses to start without SITE_URL, saying so', async () => {
    const refused = await startPortal(config, { SITE_URL: '' }).then(async (started) => { await started.stop(); return null }, (error: Error) => error.message)
    expect(refused).toContain('SITE_URL must be set')
  })

  it('sends security headers, and a script policy that allows only the page\'s own inline script', async () => {
    const res = await get('/')
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('x-frame-options')).toBe('DENY')
    expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin')
    const csp = res.headers.get('content-security-policy')!
    expect(csp).toContain("frame-ancestors 'none'")
    expect(csp).toMatch(/script-src 'self'( 'sha256-[A-Za-z0-9+/=]+')+;/)
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/)
    expect((await get('/api/health')).headers.get('x-content-type-options')).toBe('nosniff')
  })

  it('answers unknown item codes and malformed queries with 4xx and a machine-readable error', async () => {
    const missing = await get('/api/v1/power-items/NO-SUCH-ITEM-1')
    expect(missing.status).toBe(404)
    expect((await missing.json()).data.error).toBe('ITEM_NOT_FOUND')
    const bad = await get('/api/search?page=abc&type=NOPE')
    expect(bad.status).toBe(400)
    const body = await bad.json()
    expect(body.data.error).toBe('VALIDATION_FAILED')
    expect(body.data.issues.map((i: { path: string }) => i.path)).toEqual(expect.arrayContaining(['page', 'type']))
    expect((await get('/items/NO-SUCH-ITEM-1')).status).toBe(404)
  })

  it('gives up on a Meilisearch that accepts but never answers, instead of hanging', async () => {
    const sockets: net.Socket[] = []
    const silent = net.createServer((socket) => { sockets.push(socket) })
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
    const slow = await startPortal({ ...config, meiliUrl: `http://127.0.0.1:${(silent.address() as net.AddressInfo).port}` }, { MEILI_TIMEOUT_MS: '1000', SEARCH_WORKER: 'off' })
    try {
      const search = await fetch(`${slow.url}/api/search?q=${encodeURIComponent('护照')}`)
      expect(search.status).toBe(503)
      expect((await search.json()).data.error).toBe('SEARCH_UNAVAILABLE')
    } finally {
      await slow.stop()
      for (const socket of sockets) socket.destroy()
      silent.close()
    }
  })

  it('keeps the non-search pages working and says search is unavailable when Meilisearch is down', async () => {
    const down = await startPortal({ ...config, meiliUrl: `http://127.0.0.1:${await freePort()}` }, { MEILI_TIMEOUT_MS: '1000' })
    try {
      const search = await fetch(`${down.url}/api/search?q=${encodeURIComponent('护照')}`)
      expect(search.status).toBe(503)
      expect((await search.json()).data.error).toBe('SEARCH_UNAVAILABLE')
      // Said at once, to every visitor in turn (the second waited 20 s, on requests of the first).
      for (let i = 0; i < 2; i++) {
        const started = Date.now()
        const page = await fetch(`${down.url}/search?q=${encodeURIComponent('护照')}`)
        expect(page.status).toBe(200)
        expect(await page.text()).toContain('搜索服务暂时不可用')
        expect(Date.now() - started, `search page, visit ${i + 1}`).toBeLessThan(5000)
      }
      expect((await fetch(`${down.url}/`)).status).toBe(200)
      const code = (await getJson<SearchResult>(`/api/search?q=${encodeURIComponent('护照')}`)).hits[0]!.code
      expect(await (await fetch(`${down.url}/items/${code}`)).text()).toContain('普通护照签发')
    } finally {
      await down.stop()
    }
  })
})

describe.skipIf(!hasChromium)('the portal in a browser', () => {
  const browser = blockBrowser()

  it('searches from the home page on a phone and opens the item page', async () => {
    const page = await browser.newPage({ viewport: { width: 375, height: 812 }, locale: 'zh-CN' })
    // Searched before Vue has taken over, the form would go to the server and the browser would remember nothing.
    await visit(page, portal.url)
    await page.getByRole('searchbox', { name: '搜索事项' }).fill('办护照')
    await page.keyboard.press('Enter')
    await page.waitForURL(/\/search\?q=/)
    const first = page.getByRole('link', { name: '普通护照签发' }).first()
    await first.waitFor()
    await page.screenshot({ path: 'test-results/search-phone.png', fullPage: false })
    await first.click()
    await page.getByRole('heading', { level: 1, name: '普通护照签发' }).waitFor()
    expect(await page.title()).toContain('普通护照签发')
    await page.screenshot({ path: 'test-results/item-phone.png', fullPage: true })
    // No horizontal scrolling on a 375 px phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375)
    // The home page offers the search again, from this browser's own memory.
    await page.goto(portal.url)
    await page.getByRole('link', { name: '办护照' }).nth(1).waitFor()
    await page.close()
  })

  it('keeps what was typed into the search box while the page was still coming alive', async () => {
    const page = await browser.newPage({ viewport: { width: 375, height: 812 }, locale: 'zh-CN' })
    // The scripts arrive only once the visitor has typed, as on a slow phone.
    let release!: () => void
    const typed = new Promise<void>((resolve) => { release = resolve })
    await page.route((url) => url.pathname.startsWith('/_nuxt/') && url.pathname.endsWith('.js'), async (route) => { await typed; await route.continue() })
    // Module scripts hold DOMContentLoaded back: the page is there as soon as its HTML is.
    await page.goto(portal.url, { waitUntil: 'commit' })
    await page.getByRole('searchbox', { name: '搜索事项' }).fill('办护照')
    release()
    await page.waitForFunction(() => (document.getElementById('__nuxt') as unknown as { __vue_app__?: { config: { globalProperties: { $nuxt?: { isHydrating?: boolean } } } } } | null)?.__vue_app__?.config.globalProperties.$nuxt?.isHydrating === false)
    expect(await page.getByRole('searchbox', { name: '搜索事项' }).inputValue()).toBe('办护照')
    await page.keyboard.press('Enter')
    await page.waitForURL(/\/search\?q=/)
    expect(new URL(page.url()).searchParams.get('q')).toBe('办护照')
    await page.close()
  })

  it('narrows results with a facet, keeping the query, by keyboard', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    await visit(page, `${portal.url}/search?q=${encodeURIComponent('许可')}`)
    const before = await page.getByRole('heading', { name: /共找到/ }).textContent()
    const facet = page.getByRole('group', { name: '实施部门' }).getByRole('link', { name: /区公安分局/ })
    await facet.focus()
    await page.keyboard.press('Enter')
    await page.waitForURL(/dept=/)
    await page.getByRole('group', { name: '实施部门' }).getByRole('link', { name: /区公安分局\s*（已选择）/ }).waitFor()
    // The results follow the URL once the new answer arrives.
    await expect.poll(() => page.getByRole('heading', { name: /共找到/ }).textContent()).not.toBe(before)
    expect(new URL(page.url()).searchParams.get('q')).toBe('许可')
    const cards = await page.locator('article').allTextContents()
    expect(cards.length).toBeGreaterThan(0)
    for (const card of cards) expect(card).toContain('区公安分局')
    await page.screenshot({ path: 'test-results/search-facet-desktop.png' })
    await page.close()
  })

  it('switches to English and back, on the same page', async () => {
    const page = await browser.newPage()
    await visit(page, `${portal.url}/search?q=${encodeURIComponent('护照')}`)
    await page.getByRole('link', { name: 'English' }).click()
    await page.waitForURL(/\/en\/search\?q=/)
    await page.getByRole('searchbox', { name: 'Search items' }).waitFor()
    expect(await page.locator('html').getAttribute('lang')).toBe('en')
    await page.getByRole('heading', { name: /results? for/ }).waitFor()
    await page.screenshot({ path: 'test-results/search-english.png' })
    await page.getByRole('link', { name: '简体中文' }).click()
    await page.waitForURL((url) => url.pathname === '/search')
    await page.getByRole('searchbox', { name: '搜索事项' }).waitFor()
    await page.close()
  })

  it('downloads the power list from the open-data page as a CSV that opens with Chinese intact', async () => {
    const page = await browser.newPage({ acceptDownloads: true })
    await visit(page, `${portal.url}/open-data`)
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'CSV：下载权力清单' }).click(),
    ])
    expect(download.suggestedFilename()).toMatch(/\.csv$/)
    const file = await download.path()
    const text = readFileSync(file, 'utf8')
    expect(text.charCodeAt(0)).toBe(0xfeff)
    expect(text.split('\r\n')[0]).toContain('事项名称')
    expect(text).toContain('普通护照签发')
    await page.screenshot({ path: 'test-results/open-data.png' })
    await page.close()
  })

  it('has no serious or critical accessibility violations on the main pages', async () => {
    const code = (await getJson<SearchResult>(`/api/search?q=${encodeURIComponent('护照')}`)).hits[0]!.code
    const fund = (await getJson<{ items: { code: string }[] }>('/api/v1/funds?pageSize=1')).items[0]!.code
    const departmentCode = (await getJson<{ code: string }[]>('/api/v1/departments'))[0]!.code
    const announcement = (await getJson<{ id: number }[]>('/api/v1/announcements'))[0]!.id
    const page = await browser.newPage()
    const paths = ['/', `/search?q=${encodeURIComponent('护照')}`, `/search?q=${encodeURIComponent('无此事项zz')}`, `/items/${code}`, '/en',
      '/power', '/responsibility', '/funds', `/funds/${fund}`, '/departments', `/departments/${departmentCode}`, '/announcements', `/announcements/${announcement}`, '/open-data']
    for (const path of paths) {
      await page.goto(`${portal.url}${path}`)
      expect(await seriousViolations(page), path).toEqual([])
    }
    await page.close()
  })
})
