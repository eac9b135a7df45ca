// Debian's Chromium driven by playwright-core (never a downloaded browser), and axe-core run
// inside the page for accessibility.
import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core'
import { afterAll, beforeAll, expect } from 'vitest'
import { CHROMIUM_FLAGS } from './chromium-flags'

export const CHROMIUM = '/usr/bin/chromium'
export const hasChromium = existsSync(CHROMIUM)

export async function launchBrowser(): Promise<Browser> {
  mkdirSync('test-results', { recursive: true })
  return chromium.launch({
    executablePath: CHROMIUM,
    args: CHROMIUM_FLAGS,
  })
}

/** The browser a describe block's tests share: Chromium launched before them and closed after. */
export type BlockBrowser = Pick<Browser, 'newPage' | 'newContext'>
export function blockBrowser(): BlockBrowser {
  let browser: Browser | undefined
  beforeAll(async () => { browser = await launchBrowser() })
  afterAll(async () => { await browser?.close() })
  return {
    newPage: (options) => browser!.newPage(options),
    newContext: (options) => browser!.newContext(options),
  }
}

/**
 * A browser context on a phone (375 px, zh-CN unless `options` say otherwise), signed in with the
 * session cookie (`name=value`) when one is given. A step that cannot happen fails in 10 s naming
 * its locator, not as a bare test timeout.
 */
export async function contextFor(browser: BlockBrowser, baseUrl: string, cookie?: string, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 375, height: 812 }, locale: 'zh-CN', ...options })
  if (cookie) {
    const at = cookie.indexOf('=')
    await context.addCookies([{ name: cookie.slice(0, at), value: cookie.slice(at + 1), url: baseUrl }])
  }
  context.setDefaultTimeout(10_000)
  return context
}

export interface AxeViolation { id: string; impact: string | null; help: string; targets: string[] }

/** The serious and critical WCAG 2 A/AA violations axe-core finds on the page as it is now. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol: the portal's Content-Security-Policy rightly refuses
  // an injected <script>, and the check must not weaken it.
  const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js')
  await page.evaluate(readFileSync(axePath, 'utf8'))
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[] }> } }).axe
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }))
  })
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
}

/** Resolves once Vue has taken over the server's HTML: a field filled earlier would be reset. */
export function hydrated(page: Page): Promise<unknown> {
  return page.waitForFunction(() => Boolean((document.querySelector('#__nuxt') as { __vue_app__?: unknown } | null)?.__vue_app__))
}

/**
 * Notes, in the page, the moment Nuxt finishes hydrating (its `app:suspense:resolve` hook, the one
 * that ends `isHydrating`): Vue names the app on its element as it mounts, before hydrating, and
 * the hook is added then. Call before the page loads; `scriptsBeforeHydrated` reads it.
 */
export async function noteHydrationEnd(page: Page): Promise<void> {
  await page.addInitScript(() => {
    Object.defineProperty(Element.prototype, '__vue_app__', {
      configurable: true,
      set(app: { config: { globalProperties: { $nuxt?: { hooks: { hookOnce: (name: string, fn: () => void) => void } } } } }) {
        Object.defineProperty(this, '__vue_app__', { value: app, configurable: true, enumerable: false, writable: true })
        app.config.globalProperties.$nuxt?.hooks.hookOnce('app:suspense:resolve', () => { (window as unknown as { hydratedAt: number }).hydratedAt = performance.now() })
      },
    })
  })
}

/** The paths of the scripts the page asked for before it finished hydrating (`noteHydrationEnd`). */
export async function scriptsBeforeHydrated(page: Page): Promise<string[]> {
  await page.waitForFunction(() => (window as unknown as { hydratedAt?: number }).hydratedAt !== undefined)
  return page.evaluate(() => {
    const end = (window as unknown as { hydratedAt: number }).hydratedAt
    return (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
      .filter((r) => r.startTime <= end && new URL(r.name).pathname.endsWith('.js'))
      .map((r) => new URL(r.name).pathname)
  })
}

/** Opens `url` once the page is interactive: a field filled or a button clicked earlier would be lost, as a person's would. */
export async function visit(page: Page, url: string): Promise<void> {
  await page.goto(url)
  await hydrated(page)
}

/** Signs in through the login form, once the page is interactive (typed earlier, the fields would be emptied by hydration). */
export async function signInWithForm(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/admin/login`)
  await expect.poll(() => page.getByRole('button', { name: '登录' }).isEnabled(), { timeout: 15_000 }).toBe(true)
  await page.getByLabel('用户名').fill(username)
  await page.getByLabel('密码').fill(password)
  await page.getByRole('button', { name: '登录' }).click()
  await page.waitForURL((url) => !url.pathname.endsWith('/admin/login'))
}

/** The text of the first alert on the page that says something. */
export function alertText(page: Page): Promise<string | null> {
  return page.getByRole('alert').filter({ hasText: /\S/ }).first().textContent()
}

/** A full-page screenshot on a phone (375 px, which the page must fit) and on a desktop, named test-results/<name>-*.png. */
export async function screenshots(page: Page, name: string): Promise<void> {
  await page.setViewportSize({ width: 375, height: 812 })
  await page.screenshot({ path: `test-results/${name}-phone.png`, fullPage: true })
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
  expect(overflow, `${name} is wider than a phone`).toBeLessThanOrEqual(0)
  await page.setViewportSize({ width: 1280, height: 900 })
  await page.screenshot({ path: `test-results/${name}-desktop.png`, fullPage: true })
}
