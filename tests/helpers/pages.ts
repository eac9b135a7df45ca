// Pages of the built portal in Chromium for the tests of one describe block: a phone-sized page,
// signed in or not, opened only once Vue has taken over the server's HTML (a field filled earlier
// would be reset).
import { afterAll, beforeAll } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { launchBrowser } from './browser'

/** Launches Chromium before the block's tests and closes it after; `baseUrl` is read when a page opens. */
export function chromiumPages(baseUrl: () => string) {
  let browser: Browser
  beforeAll(async () => { browser = await launchBrowser() })
  afterAll(async () => { await browser?.close() })

  async function open(page: Page, where: string): Promise<void> {
    await page.goto(`${baseUrl()}${where}`)
    await page.waitForFunction(() => Boolean((document.querySelector('#__nuxt') as { __vue_app__?: unknown } | null)?.__vue_app__))
  }
  /** A new 375 px wide zh-CN page at `where`, carrying the session cookie (`name=value`) if any; close its context when done. */
  async function pageAt(where: string, cookie?: string): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: { width: 375, height: 812 }, locale: 'zh-CN' })
    if (cookie) {
      const [name, value] = cookie.split('=') as [string, string]
      await context.addCookies([{ name, value, url: baseUrl() }])
    }
    // A step that cannot happen fails in 10 s naming its locator, not as a bare test timeout.
    context.setDefaultTimeout(10_000)
    const page = await context.newPage()
    await open(page, where)
    return { context, page }
  }
  return { open, pageAt }
}
