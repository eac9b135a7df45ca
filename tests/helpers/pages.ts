// Pages of the built portal in Chromium: a phone-sized context signed in (or not), and opening a
// page only once Vue has taken over the server's HTML (a field filled earlier would be reset).
import type { Browser, BrowserContext, Page } from 'playwright-core'

/** A 375 px wide zh-CN context carrying the session cookie (`name=value`), if any. */
export async function phoneContext(browser: Browser, baseUrl: string, cookie?: string): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 375, height: 812 }, locale: 'zh-CN' })
  if (cookie) {
    const [name, value] = cookie.split('=') as [string, string]
    await context.addCookies([{ name, value, url: baseUrl }])
  }
  // A step that cannot happen fails in 10 s naming its locator, not as a bare test timeout.
  context.setDefaultTimeout(10_000)
  return context
}

export async function openHydrated(page: Page, url: string): Promise<void> {
  await page.goto(url)
  await page.waitForFunction(() => Boolean((document.querySelector('#__nuxt') as { __vue_app__?: unknown } | null)?.__vue_app__))
}
