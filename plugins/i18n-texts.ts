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
// visit to the next.
import type { Composer } from 'vue-i18n'

// Set by @nuxtjs/i18n (10.6) for the whole build: the hash of each locale's texts.
declare const __I18N_LOCALE_HASHES__: Record<string, string>

const KEY = 'i18nTexts'

interface PageTexts { locale: string }
/** The part of @nuxtjs/i18n's context (`nuxtApp._nuxtI18n`, 10.6) this plugin replaces. */
interface I18nContext { loadMessages: (locale: string) => Promise<void> }

function textsUrl(locale: string): string | undefined {
  const hash = __I18N_LOCALE_HASHES__[locale]
  return hash ? `/_texts/${hash}/${locale}.json` : undefined
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
        const url = textsUrl(locale)
        if (!url) return
        nuxtApp.payload[KEY] = { locale } satisfies PageTexts
        nuxtApp.runWithContext(() => useHead({ link: [{ rel: 'preload', as: 'fetch', href: url, crossorigin: 'anonymous' }] }))
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
      installed.set(locale, loading)
      // A language whose texts could not be had is asked for again on the next switch to it.
      loading.catch(() => installed.delete(locale))
      return loading
    }
    const page = nuxtApp.payload[KEY] as PageTexts | undefined
    const ctx = nuxtApp._nuxtI18n as I18nContext
    ctx.loadMessages = async (locale) => {
      const url = textsUrl(locale)
      if (!url) return
      try {
        await (installed.get(locale) ?? install(locale, url))
      } catch (e) {
        console.warn(`Failed to load the texts of ${locale}`, e)
      }
    }
    // The page's language, installed before the module's locale detection (next) sets it.
    if (page) await ctx.loadMessages(page.locale)
  },
})
