// The page's language texts start downloading with its scripts, not after them. @nuxtjs/i18n
// fetches /_i18n/<hash>/<locale>/messages.json only once the entry script has run, and hydration
// waits for that request: on a phone (150 ms round trips) it came last, after everything else.
// Here the server names that file in the page's head (<link rel="preload" as="fetch">), so the
// browser fetches it as soon as it reads the head, beside the scripts; the browser takes that
// same response (a plain fetch of the same address, as the preload asks), installs the texts
// before the module sets its first locale, and the module's own loading of that locale while the
// page hydrates is skipped. Later language switches load as before.
//
// The texts are not put in the HTML itself: that makes every page's HTML 20 KB (compressed)
// heavier, ahead of the first paint, and a file of its own is kept by the browser's cache from one
// visit to the next.
import type { Composer } from 'vue-i18n'

// Set by @nuxtjs/i18n (10.6) for the whole build: where it serves each locale's texts.
declare const __I18N_SERVER_ROUTE__: string
declare const __I18N_LOCALE_HASHES__: Record<string, string>

const KEY = 'i18nTexts'

interface PageTexts { locale: string; url: string }
/** The part of @nuxtjs/i18n's context (`nuxtApp._nuxtI18n`, 10.6) this plugin wraps. */
interface I18nContext { loadMessages: (locale: string) => Promise<void> }

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
        const hash = __I18N_LOCALE_HASHES__[locale]
        if (!hash) return
        const url = `${__I18N_SERVER_ROUTE__}/${hash}/${locale}/messages.json`
        nuxtApp.payload[KEY] = { locale, url } satisfies PageTexts
        nuxtApp.runWithContext(() => useHead({ link: [{ rel: 'preload', as: 'fetch', href: url, crossorigin: 'anonymous' }] }))
      })
      return
    }
    const page = nuxtApp.payload[KEY] as PageTexts | undefined
    if (!page) return
    const installed = (async () => {
      try {
        const response = await fetch(page.url)
        if (!response.ok) return false
        const texts = (await response.json()) as Record<string, Parameters<Composer['mergeLocaleMessage']>[1]>
        if (!texts[page.locale]) return false
        i18n.mergeLocaleMessage(page.locale, texts[page.locale]!)
        return true
      } catch {
        return false
      }
    })()
    // Wrapped before the first await: the module's locale detection may ask while the texts are on
    // their way; it waits for them, and loads them itself only if they could not be had this way.
    const ctx = nuxtApp._nuxtI18n as I18nContext
    const load = ctx.loadMessages
    ctx.loadMessages = async (locale) => {
      if (nuxtApp.isHydrating && locale === page.locale && (await installed)) return
      return load(locale)
    }
    await installed
  },
})
