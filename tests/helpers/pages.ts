// Pages of the built portal in Chromium for the tests of one describe block: a phone-sized page,
// signed in or not, opened only once Vue has taken over the server's HTML (a field filled earlier
// would be reset).
import type { BrowserContext, BrowserContextOptions, Page } from 'playwright-core'
import { blockBrowser, contextFor, visit } from './browser'

/** Launches Chromium before the block's tests and closes it after; `baseUrl` is read when a page opens. */
export function chromiumPages(baseUrl: () => string) {
  const browser = blockBrowser()

  const open = (page: Page, where: string) => visit(page, `${baseUrl()}${where}`)
  /** A new 375 px wide zh-CN page (unless `options` say otherwise) at `where`, carrying the session cookie (`name=value`) if any; close its context when done. */
  async function pageAt(where: string, cookie?: string, options?: BrowserContextOptions): Promise<{ context: BrowserContext; page: Page }> {
    const context = await contextFor(browser, baseUrl(), cookie, options)
    const page = await context.newPage()
    await open(page, where)
    return { context, page }
  }
  return { open, pageAt }
}
