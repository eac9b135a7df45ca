// What a phone on a slow link receives from the built portal served directly (no proxy): pages,
// JSON, CSV and the JavaScript come compressed in the encoding the browser asks for, decode to
// exactly what an uncompressed answer holds, and come uncompressed to a client that asks for none.
import http from 'node:http'
import zlib from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startPortalWithRealData, type Portal } from '../helpers/portal'
import type { Locator, Page } from 'playwright-core'
import { hasChromium, hydrated, launchBrowser, noteHydrationEnd, scriptsBeforeHydrated } from '../helpers/browser'

let portal: Portal

beforeAll(async () => { ({ portal } = await startPortalWithRealData()) })
afterAll(async () => { await portal?.stop() })

interface RawAnswer { status: number; headers: http.IncomingHttpHeaders; body: Buffer }

/** A GET that shows the bytes as sent (fetch would decode them and hide what came on the wire). */
function rawGet(path: string, acceptEncoding?: string): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding }
    http.get(`${portal.url}${path}`, { headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }))
      res.on('error', reject)
    }).on('error', reject)
  })
}

function decode(answer: RawAnswer): Buffer {
  switch (answer.headers['content-encoding']) {
    case 'br': return zlib.brotliDecompressSync(answer.body)
    case 'gzip': return zlib.gunzipSync(answer.body)
    default: return answer.body
  }
}

async function entryScript(): Promise<string> {
  const html = decode(await rawGet('/', 'br')).toString()
  const src = /<script[^>]+type="module"[^>]+src="([^"]+)"/.exec(html)?.[1] ?? /<script[^>]+src="(\/_nuxt\/[^"]+\.js)"/.exec(html)?.[1]
  if (!src) throw new Error('no entry script in the home page')
  return src
}

const answers: [string, () => Promise<string> | string, RegExp][] = [
  ['the home page (HTML)', () => '/', /^text\/html/],
  ['a list page (HTML)', () => '/power?type=LICENSING', /^text\/html/],
  ['the power list API (JSON)', () => '/api/v1/power-items?pageSize=50', /^application\/json/],
  ['the open-data power list (CSV)', () => '/api/open-data/power.csv', /^text\/csv/],
  ['the entry chunk (JavaScript)', entryScript, /javascript/],
]

describe.each(answers)('%s', (_what, pathOf, type) => {
  it('comes brotli-compressed to a browser that accepts br, and decodes to the plain answer', async () => {
    const path = await pathOf()
    const plain = await rawGet(path)
    const br = await rawGet(path, 'gzip, deflate, br, zstd')
    expect(plain.status).toBe(200)
    expect(br.status).toBe(200)
    expect(plain.headers['content-type']).toMatch(type)
    expect(br.headers['content-type']).toMatch(type)
    expect(br.headers['content-encoding']).toBe('br')
    expect(br.headers.vary).toMatch(/accept-encoding/i)
    expect(br.body.length).toBeLessThan(plain.body.length / 2)
    expect(decode(br).equals(plain.body)).toBe(true)
  })

  it('comes gzip-compressed to a client that accepts only gzip', async () => {
    const path = await pathOf()
    const plain = await rawGet(path)
    const gz = await rawGet(path, 'gzip')
    expect(gz.headers['content-encoding']).toBe('gzip')
    expect(gz.body.length).toBeLessThan(plain.body.length / 2)
    expect(decode(gz).equals(plain.body)).toBe(true)
  })

  it('comes uncompressed without Accept-Encoding, or when the client refuses both', async () => {
    const path = await pathOf()
    for (const accept of [undefined, 'identity', 'br;q=0, gzip;q=0']) {
      const res = await rawGet(path, accept)
      expect(res.status).toBe(200)
      expect(res.headers['content-encoding'], String(accept)).toBeUndefined()
      expect(res.body.length).toBeGreaterThan(1024)
    }
  })
})

it('compresses a search nobody asked before fast for its reader, and the copy kept for the next ones smaller', async () => {
  const path = `/api/search?q=${encodeURIComponent('营业执照')}&page=2`
  const first = await rawGet(path, 'br')
  const second = await rawGet(path, 'br')
  expect(first.headers['x-cache']).toBe('MISS')
  expect(second.headers['x-cache']).toBe('HIT')
  expect(decode(second).equals(decode(first))).toBe(true)
  expect(second.body.length).toBeLessThan(first.body.length)
  // and the same for gzip, whose kept copy is made when a gzip reader first asks for it
  const gz = [await rawGet(path, 'gzip'), await rawGet(path, 'gzip')]
  expect(decode(gz[0]!).equals(decode(first))).toBe(true)
  expect(gz[1]!.body.length).toBe(gz[0]!.body.length)
  // A file browsers keep a year (a language's texts, on every page's critical path) comes as
  // small the first time as after.
  const texts = /"(\/_texts\/[^"]+\/en\.json)"|href="(\/_texts\/[^"]+)"/.exec(decode(await rawGet('/en', 'br')).toString())
  const textsPath = texts?.[1] ?? texts?.[2]
  expect(textsPath).toBeTruthy()
  const [once, again] = [await rawGet(textsPath!, 'br'), await rawGet(textsPath!, 'br')]
  expect(once.headers['x-cache']).toBe('MISS')
  expect(once.headers['cache-control']).toMatch(/immutable/)
  expect(once.body.length).toBe(again.body.length)
})

it('leaves small answers and files that are compressed already as they are', async () => {
  const health = await rawGet('/api/health', 'br')
  expect(health.status).toBe(200)
  expect(health.body.length).toBeLessThan(1024)
  expect(health.headers['content-encoding']).toBeUndefined()
  const xlsx = await rawGet('/api/open-data/fund.xlsx', 'br')
  expect(xlsx.status).toBe(200)
  expect(xlsx.headers['content-encoding']).toBeUndefined()
  expect(xlsx.body.subarray(0, 2).toString()).toBe('PK')
})

describe.skipIf(!hasChromium)('in a browser', () => {
  it('the home page and its script arrive brotli-compressed, a fraction of their size, with the styles inside the page', async () => {
    const browser = await launchBrowser()
    try {
      const context = await browser.newContext()
      const page = await context.newPage()
      const cdp = await context.newCDPSession(page)
      await cdp.send('Network.enable')
      const received = new Map<string, { url: string; type: string; encoding?: string; wire: number; size: number }>()
      cdp.on('Network.responseReceived', (e) => {
        const encoding = Object.entries(e.response.headers).find(([name]) => name.toLowerCase() === 'content-encoding')?.[1]
        received.set(e.requestId, { url: e.response.url, type: e.type, encoding, wire: 0, size: 0 })
      })
      cdp.on('Network.dataReceived', (e) => { const r = received.get(e.requestId); if (r) r.size += e.dataLength })
      cdp.on('Network.loadingFinished', (e) => { const r = received.get(e.requestId); if (r) r.wire = e.encodedDataLength })
      await page.goto(`${portal.url}/`, { waitUntil: 'networkidle' })
      await expect.poll(() => page.getByRole('heading', { level: 1 }).count()).toBeGreaterThan(0)
      const text = [...received.values()].filter((r) => ['Document', 'Script', 'Stylesheet'].includes(r.type) && r.size > 1024)
      expect(text.map((r) => r.type)).toEqual(expect.arrayContaining(['Document', 'Script']))
      // The styles travel inside the page (nuxt.config.ts, features.inlineStyles): the first paint
      // waits for no stylesheet, and the page is styled all the same.
      expect([...received.values()].filter((r) => r.type === 'Stylesheet').map((r) => r.url)).toEqual([])
      expect(await page.locator('header').first().evaluate((el) => getComputedStyle(el).backgroundColor)).not.toBe('rgba(0, 0, 0, 0)')
      for (const r of text) expect(r.encoding, r.url).toBe('br')
      const wire = text.reduce((sum, r) => sum + r.wire, 0)
      const size = text.reduce((sum, r) => sum + r.size, 0)
      expect(wire).toBeLessThan(size / 3)
    } finally {
      await browser.close()
    }
  })

  /** What a page fetched, and the code of its scripts, from its first request until Vue has taken over (and after, until `done`). */
  function watchRequests(page: Page) {
    const urls: string[] = []
    const scripts: Promise<string>[] = []
    page.on('request', (r) => { urls.push(new URL(r.url()).pathname) })
    page.on('response', (r) => { if (r.request().resourceType() === 'script') scripts.push(r.text().catch(() => '')) })
    return { urls, scriptsCode: async () => (await Promise.all(scripts)).join('\n') }
  }
  // zod names its schema classes in its code: any script that holds zod holds this string.
  const ZOD = 'ZodObject'
  // A property of the tokenizer of vue-i18n's message compiler (@intlify/message-compiler).
  const MESSAGE_COMPILER = 'braceNest'
  // Tailwind's red-50, as its whole palette (tailwindcss/colors) holds it.
  const PALETTE = 'oklch(97.1% 0.013 17.38)'
  // One of the icon API hosts @iconify/vue (Nuxt UI's UIcon) knows: public pages draw their icons as plain SVG.
  const ICON_RUNTIME = 'api2.iconify.design'

  it('a public page comes alive with its texts fetched beside its scripts and without the validation library', async () => {
    const search = decode(await rawGet(`/search?q=${encodeURIComponent('办护照')}`, 'br')).toString()
    const itemPath = /href="(\/items\/[^"]+)"/.exec(search)?.[1]
    expect(itemPath).toBeDefined()
    const browser = await launchBrowser()
    try {
      const followed = [`/search?q=${encodeURIComponent('办护照')}`, itemPath!, '/power']
      for (const path of ['/', ...followed, '/open-data', '/reform-results']) {
        const named = [...decode(await rawGet(path, 'br')).toString().matchAll(/<link rel="modulepreload"[^>]* href="([^"]+)"/g)].map((m) => m[1])
        const page = await browser.newPage({ viewport: { width: 375, height: 740 } })
        await noteHydrationEnd(page)
        const seen = watchRequests(page)
        await page.goto(`${portal.url}${path}`)
        await hydrated(page)
        // Every script the page ran to come alive was named in its HTML, so the browser fetched it
        // beside the entry script, not one round trip after it (modules/preload-merged-chunks.ts).
        // Those of the parts that hydrate when scrolled to come later, on purpose.
        const ran = await scriptsBeforeHydrated(page)
        expect(ran.length, path).toBeGreaterThan(1)
        expect(ran.filter((u) => !named.includes(u)), `${path}: scripts not named in its HTML`).toEqual([])
        // The language's texts are asked for once, by the page's head, beside its scripts, in the
        // compiled form the browser's vue-i18n reads without its compiler; the i18n module's own
        // file of plain texts is never asked for.
        expect(seen.urls.filter((u) => u.includes('/_texts/')), path).toEqual([expect.stringMatching(/\/zh-CN\.json$/)])
        expect(seen.urls.filter((u) => u.includes('/_i18n/')), path).toEqual([])
        expect(await page.locator('head link[rel="preload"][as="fetch"][href*="/_texts/"][href$="/zh-CN.json"]').count(), path).toBe(1)
        const code = await seen.scriptsCode()
        expect(code.includes(ZOD), `${path} runs zod`).toBe(false)
        expect(code.includes(MESSAGE_COMPILER), `${path} runs vue-i18n's message compiler`).toBe(false)
        expect(code.includes(PALETTE), `${path} downloads Tailwind's palette`).toBe(false)
        expect(code.includes(ICON_RUNTIME), `${path} downloads the icon runtime`).toBe(false)
        // The texts are there once the page is alive: no key shows instead of its words, and a
        // text with a placeholder shows it filled in.
        expect(await page.title(), path).toContain('广安区三张清单一张网')
        expect(await page.locator('body').innerText(), path).not.toMatch(/\{\w+\}/)
        if (followed.includes(path)) {
          const feed = page.getByRole('link', { name: /Atom 订阅源/ })
          expect(await feed.count(), path).toBeGreaterThan(0)
          // Its icon is drawn, hidden from screen readers (the link's text says what it is).
          const icon = feed.first().locator('svg[data-icon="rss"]')
          expect(await icon.getAttribute('aria-hidden'), path).toBe('true')
          expect((await icon.boundingBox())?.width, path).toBeGreaterThan(8)
        }
        await page.close()
      }
    } finally {
      await browser.close()
    }
  })

  // Whether Vue has taken a link over: it keeps the link's click handler on the element (under a
  // symbol named `_vei`); a link of the server's HTML has none until then.
  const awake = (link: Locator) => link.evaluate((el) => Object.getOwnPropertySymbols(el).some((s) => s.description === '_vei'))

  it('wakes up the records below a phone\'s first screen when they are scrolled to, and they then open inside the portal', async () => {
    const browser = await launchBrowser()
    try {
      const page = await browser.newPage({ viewport: { width: 375, height: 740 } })
      for (const [path, records] of [['/power', '#main ol > li h3 a'], [`/search?q=${encodeURIComponent('证')}`, '#main ol > li article h3 a']] as const) {
        const seen = watchRequests(page)
        await page.goto(`${portal.url}${path}`)
        await hydrated(page)
        const links = page.locator(records)
        expect(await links.count(), path).toBeGreaterThanOrEqual(10)
        // The first screen's records work at once; the last ones are plain links until scrolled to.
        expect(await awake(links.first()), path).toBe(true)
        const last = links.nth(9)
        expect(await awake(last), path).toBe(false)
        await last.scrollIntoViewIfNeeded()
        await expect.poll(() => awake(last), { message: path }).toBe(true)
        // Opened inside the portal: the page is not loaded again, and a search result counts as opened.
        await page.evaluate(() => { (window as unknown as { stayed: boolean }).stayed = true })
        const target = await last.getAttribute('href')
        await last.click()
        await page.waitForURL((url) => url.pathname === target)
        expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed), path).toBe(true)
        if (path.startsWith('/search')) expect(seen.urls, path).toContain('/api/search/opened')
      }
      // The search's filters come after its results on a phone, and wake up when scrolled to.
      await page.goto(`${portal.url}/search?q=${encodeURIComponent('证')}`)
      await hydrated(page)
      const filter = page.locator('#main aside a').first()
      expect(await awake(filter)).toBe(false)
      await filter.scrollIntoViewIfNeeded()
      await expect.poll(() => awake(filter)).toBe(true)
      await page.close()
    } finally {
      await browser.close()
    }
  })

  // A part that hydrates when scrolled to or opened (`hydrate-on-visible`) is not among the page's
  // preloads (server/plugins/lazy-hydration-preloads.ts): its code would share a phone's link with
  // the code the page needs to come alive. The item page preloaded 16 scripts, 6 of them for these.
  it('downloads the code of an item page\'s guide and folded sections when they are reached, not with the page', async () => {
    const search = decode(await rawGet(`/search?q=${encodeURIComponent('办护照')}`, 'br')).toString()
    const itemPath = /href="(\/items\/[^"]+)"/.exec(search)?.[1]
    expect(itemPath).toBeDefined()
    const named = [...decode(await rawGet(itemPath!, 'br')).toString().matchAll(/<link rel="modulepreload"[^>]* href="([^"]+)"/g)].map((m) => m[1])
    const browser = await launchBrowser()
    try {
      const page = await browser.newPage({ viewport: { width: 375, height: 740 } })
      const errors: string[] = []
      page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') errors.push(m.text()) })
      page.on('pageerror', (e) => { errors.push(e.message) })
      const seen = watchRequests(page)
      const scripts = () => seen.urls.filter((u) => u.startsWith('/_nuxt/') && u.endsWith('.js'))
      await page.goto(`${portal.url}${itemPath}`)
      await hydrated(page)
      await page.waitForLoadState('networkidle')
      // Everything named was needed to come alive: nothing preloaded is left unused.
      expect(scripts().sort()).toEqual([...named].sort())
      // The guide's full text, below the first screen: its code comes when it is scrolled to.
      let before = scripts().length
      await page.locator('#materials').scrollIntoViewIfNeeded()
      await expect.poll(() => scripts().length).toBeGreaterThan(before)
      expect(scripts().slice(before).filter((u) => named.includes(u))).toEqual([])
      // A folded section's code comes when it is opened, and it shows its facts.
      await page.waitForLoadState('networkidle')
      before = scripts().length
      const facts = page.locator('details', { has: page.getByRole('heading', { name: '事项编码、类型与依据' }) })
      await facts.locator('summary').click()
      await expect.poll(() => scripts().length).toBeGreaterThan(before)
      expect(scripts().slice(before).filter((u) => named.includes(u))).toEqual([])
      await expect.poll(() => facts.getByRole('link', { name: '四川政务服务网' }).isVisible()).toBe(true)
      // Hydrated later, they match what the server rendered: Vue says nothing.
      expect(errors).toEqual([])
      await page.close()
    } finally {
      await browser.close()
    }
  })

  // A language's texts come in two parts (shared/text-parts.ts): public pages fetch only theirs,
  // the back office's come with its pages, opened inside the portal or from the address bar.
  it('fetches the back office\'s texts with its pages only', async () => {
    const browser = await launchBrowser()
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
      const seen = watchRequests(page)
      const texts = () => seen.urls.filter((u) => u.includes('/_texts/'))
      await page.goto(`${portal.url}/`)
      await hydrated(page)
      expect(texts()).toEqual([expect.stringMatching(/\/zh-CN\.json$/)])
      await page.evaluate(() => (document.getElementById('__nuxt') as unknown as { __vue_app__: { config: { globalProperties: { $router: { push: (to: string) => Promise<unknown> } } } } }).__vue_app__.config.globalProperties.$router.push('/admin/login'))
      await page.waitForURL(/\/admin\/login/)
      await expect.poll(() => page.locator('#login-heading').innerText()).toBe('后台登录')
      expect(texts()).toEqual([expect.stringMatching(/\/zh-CN\.json$/), expect.stringMatching(/\/zh-CN\.office\.json$/)])
      expect(await page.locator('body').innerText()).not.toMatch(/\badmin\.login\./)
      await page.close()

      // Opened from the address bar, in English: both parts are named in the page's head and
      // installed before it comes alive; a wrong password gets the back office's message.
      const direct = await browser.newPage({ viewport: { width: 1280, height: 900 } })
      const directSeen = watchRequests(direct)
      await direct.goto(`${portal.url}/en/admin/login`)
      await hydrated(direct)
      const preloaded = await direct.locator('head link[rel="preload"][as="fetch"]').evaluateAll((links) => links.map((l) => l.getAttribute('href')))
      expect(preloaded).toEqual([expect.stringMatching(/\/en\.json$/), expect.stringMatching(/\/en\.office\.json$/)])
      await direct.getByRole('textbox', { name: 'Username' }).fill('nobody')
      await direct.locator('input[type="password"]').fill('not-the-password')
      await direct.getByRole('button', { name: 'Sign in' }).click()
      await expect.poll(() => direct.getByRole('alert').innerText()).toBe('Wrong username or password.')
      expect(directSeen.urls.filter((u) => u.includes('/_texts/')).sort()).toEqual([expect.stringMatching(/\/en\.json$/), expect.stringMatching(/\/en\.office\.json$/)])
      await direct.close()
    } finally {
      await browser.close()
    }
  })

  it('loads the checks of a followed topic and the other language only when a visitor asks for them', async () => {
    const browser = await launchBrowser()
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
      const seen = watchRequests(page)
      await page.goto(`${portal.url}/power`)
      await hydrated(page)
      const feed = page.getByRole('link', { name: /Atom 订阅源/ })
      expect(await feed.getAttribute('href')).toBe('/api/feeds/changes?list=power')
      // A department filter, followed inside the portal: the feed follows the new filter, checked
      // by the schema the browser loads now.
      const department = page.locator('a[href*="dept="]:visible').first()
      const dept = new URL(`${portal.url}${await department.getAttribute('href')}`).searchParams.get('dept')
      await department.click()
      await page.waitForURL(/dept=/)
      await expect.poll(() => feed.getAttribute('href')).toBe(`/api/feeds/changes?list=power&dept=${dept}`)
      expect((await seen.scriptsCode()).includes(ZOD), 'the schema came with the navigation').toBe(true)
      // English: its texts are fetched on the switch, and the page speaks them, a count with its
      // number filled in.
      await page.locator('a[href^="/en/power"]:visible').first().click()
      await page.waitForURL(/\/en\/power/)
      await expect.poll(() => page.getByRole('link', { name: /Atom feed/ }).count()).toBeGreaterThan(0)
      await expect.poll(() => page.locator('#results-heading').innerText()).toMatch(/^\d[\d,]* items$/)
      // Nuxt UI's colours, written in the head by the server only, outlive the navigations.
      expect(await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--ui-color-primary-700').trim())).not.toBe('')
      expect(seen.urls.filter((u) => u.includes('/_texts/'))).toEqual([expect.stringMatching(/\/zh-CN\.json$/), expect.stringMatching(/\/en\.json$/)])
      await page.close()
    } finally {
      await browser.close()
    }
  })
})
