// The language's texts, fetched by the browser from `/_texts/<hash>/<locale>.json`
// (server/routes/_texts), compiled by the server where a text needs it: the browser's vue-i18n
// has no message compiler (nuxt.config.ts), so the texts @nuxtjs/i18n serves itself, plain
// strings, are never installed in the browser; this plugin loads every language instead.
//
// The page's own language starts downloading with its scripts, not after them: the server names
// the file in the page's head (<link rel="preload" as="fetch">), the browser takes that same
// response with a plain fetch of the same address, and the texts are installed before the module
// sets its first locale. The module waited for its own request until the entry script had run; on
// a phone (150 ms round trips) it came last, after everything else.
//
// The texts are not put in the HTML itself: that makes every page's HTML 20 KB (compressed)
// heavier, ahead of the first paint, and a file of its own is kept by the browser's cache from one
// visit to the next. They come in two parts (shared/text-parts.ts): a public page loads only what
// public pages show; the back office's own texts (`<locale>.office.json`) come with its pages.

import type { Composer } from 'vue-i18n'
import type { Router } from 'vue-router'
import { isOfficePath, isOfficeText, type TextPart } from '~~/shared/text-parts'

// Set by @nuxtjs/i18n (10.6) for the whole build: the hash of each locale's texts.
declare const __I18N_LOCALE_HASHES__: Record<string, string>

const KEY = 'i18nTexts'

/** The page's language, and whether it is a back-office page (which needs both parts of the texts). */
interface PageTexts { locale: string; office: boolean }
/** The part of @nuxtjs/i18n's context (`nuxtApp._nuxtI18n`, 10.6) this plugin replaces. */
interface I18nContext { loadMessages: (locale: string) => Promise<void> }

function textsUrl(locale: string, part: TextPart): string | undefined {
  const hash = __I18N_LOCALE_HASHES__[locale]
  return hash ? `/_texts/${hash}/${locale}${part === 'office' ? '.office' : ''}.json` : undefined
}

export default defineNuxtPlugin({
  name: 'i18n-texts',
  // Listed before the module's plugins (`pre`), it runs as soon as i18n:plugin is done: before
  // i18n:plugin:route-locale-detect, which loads the first locale's texts.
  enforce: 'pre',
  dependsOn: ['i18n:plugin'],
  async setup(nuxtApp) {
    const i18n = nuxtApp.$i18n as Composer
    if (import.meta.server) {
      nuxtApp.hooks.hook('app:rendered', () => {
        const locale = i18n.locale.value
        const office = isOfficePath((nuxtApp.$router as Router).currentRoute.value.path)
        const urls = [textsUrl(locale, 'public'), office ? textsUrl(locale, 'office') : undefined].filter((u) => u !== undefined)
        if (!urls.length) return
        nuxtApp.payload[KEY] = { locale, office } satisfies PageTexts
        nuxtApp.runWithContext(() => useHead({ link: urls.map((href) => ({ rel: 'preload', as: 'fetch', href, crossorigin: 'anonymous' })) }))
      })
      return
    }
    const installed = new Map<string, Promise<void>>()
    const install = (locale: string, url: string) => {
      const loading = (async () => {
        const response = await fetch(url)
        if (!response.ok) throw new Error(`${url}: ${response.status}`)
        const texts = (await response.json()) as Record<string, Parameters<Composer['setLocaleMessage']>[1]>
        // Set, not merged, while the language has no texts yet: merging copies every text again.
        if (Object.keys(i18n.getLocaleMessage(locale)).length) i18n.mergeLocaleMessage(locale, texts[locale] ?? {})
        else i18n.setLocaleMessage(locale, texts[locale] ?? {})
      })()
      installed.set(url, loading)
      // Texts that could not be had are asked for again the next time they are needed.
      loading.catch(() => installed.delete(url))
      return loading
    }
    const load = async (locale: string, part: TextPart) => {
      const url = textsUrl(locale, part)
      if (!url) return
      try {
        await (installed.get(url) ?? install(locale, url))
      } catch (e) {
        console.warn(`Failed to load the texts of ${locale}`, e)
      }
    }
    const page = nuxtApp.payload[KEY] as PageTexts | undefined
    // Once a back-office page has been opened, a switch of language loads both parts.
    let office = page?.office ?? false
    const ctx = nuxtApp._nuxtI18n as I18nContext
    ctx.loadMessages = async (locale) => {
      await Promise.all([load(locale, 'public'), office ? load(locale, 'office') : undefined])
    }
    // A back-office page gets its texts before it shows.
    addRouteMiddleware('office-texts', async (to) => {
      if (!isOfficePath(to.path)) return
      office = true
      await load(i18n.locale.value, 'office')
    }, { global: true })
    // A back-office text shown elsewhere (none is, tests/e2e/compression.test.ts) would show its
    // key until the back office's part, fetched then, arrives.
    i18n.setMissingHandler((locale, key) => {
      if (isOfficeText(key)) void load(locale, 'office')
    })
    // The page's language, installed before the module's locale detection (next) sets it.
    if (page) await ctx.loadMessages(page.locale)
  },
})
