// A cold page load on a cheap phone, measured in Chromium through the DevTools protocol: the
// network slowed to 1.6 Mbps down with 150 ms round trips, the CPU slowed 4×, an empty cache.
// Reports first contentful paint, the moment Nuxt finished hydrating, and the bytes transferred
// (as sent, so compression counts) by kind.
import { chromium, type Browser } from 'playwright-core'
import { CHROMIUM_FLAGS } from '../tests/helpers/chromium-flags'

export const PHONE_PROFILE = { downloadKbps: 1600, uploadKbps: 750, rttMs: 150, cpuSlowdown: 4 }

export interface PhoneLoad {
  path: string
  fcpMs: number
  hydratedMs: number
  /** bytes on the wire, headers included, by resource type (Document, Script, Stylesheet, ...) */
  transferred: Record<string, number>
  totalBytes: number
  requests: number
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_FLAGS })
}

/**
 * Hydration is over when Nuxt's app says so (`isHydrating` turns false as its suspense
 * resolves); the page notes the time itself, so polling does not depend on the test driver.
 */
const HYDRATION_PROBE = `
  (() => {
    const check = () => {
      const app = document.getElementById('__nuxt')?.__vue_app__
      const nuxt = app?.config?.globalProperties?.$nuxt
      if (nuxt && nuxt.isHydrating === false) { window.__hydratedAt = performance.now(); return }
      setTimeout(check, 20)
    }
    check()
  })()
`

export async function phoneLoad(browser: Browser, url: string): Promise<PhoneLoad> {
  // A fresh context is a fresh profile: no cache, no cookies, no service worker.
  const context = await browser.newContext({ viewport: { width: 375, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true })
  try {
    const page = await context.newPage()
    const cdp = await context.newCDPSession(page)
    await cdp.send('Network.enable')
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true })
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: PHONE_PROFILE.rttMs,
      downloadThroughput: (PHONE_PROFILE.downloadKbps * 1000) / 8,
      uploadThroughput: (PHONE_PROFILE.uploadKbps * 1000) / 8,
    })
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: PHONE_PROFILE.cpuSlowdown })
    const typeOf = new Map<string, string>()
    const transferred: Record<string, number> = {}
    let requests = 0
    cdp.on('Network.responseReceived', (e) => { typeOf.set(e.requestId, e.type) })
    cdp.on('Network.loadingFinished', (e) => {
      const type = typeOf.get(e.requestId) ?? 'Other'
      transferred[type] = (transferred[type] ?? 0) + e.encodedDataLength
      requests++
    })
    await page.addInitScript(HYDRATION_PROBE)
    await page.goto(url, { waitUntil: 'load', timeout: 120_000 })
    await page.waitForFunction(() => (window as unknown as { __hydratedAt?: number }).__hydratedAt !== undefined, undefined, { timeout: 120_000, polling: 100 })
    // Requests started by hydration (lazy chunks, client-only fetches) finish before counting.
    await page.waitForLoadState('networkidle', { timeout: 120_000 })
    const timing = await page.evaluate(() => ({
      fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
      hydrated: (window as unknown as { __hydratedAt: number }).__hydratedAt,
    }))
    const path = new URL(url).pathname + new URL(url).search
    return {
      path,
      fcpMs: Math.round(timing.fcp),
      hydratedMs: Math.round(timing.hydrated),
      transferred,
      totalBytes: Object.values(transferred).reduce((a, b) => a + b, 0),
      requests,
    }
  } finally {
    await context.close()
  }
}
