// The page's language texts travel inside its HTML (the payload), so hydration does not wait for
// the texts to be requested after the scripts have run: on a phone (150 ms round trips) that
// request started only once the entry script had been executed, and hydration waited for it.
// The server puts the language's texts in the payload once the page has rendered; the browser
// installs them before @nuxtjs/i18n sets its first locale, and the module's first load of that
// locale while the page hydrates (its detection and its first route middleware each ask),
// which would fetch the same texts again, is skipped. Later locale switches fetch as before.
import type { Composer } from 'vue-i18n'

const KEY = 'i18nTexts'

interface InlineTexts { locale: string; messages: Record<string, unknown> }
/** The part of @nuxtjs/i18n's context (`nuxtApp._nuxtI18n`, 10.6) this plugin wraps. */
interface I18nContext { loadMessages: (locale: string) => Promise<void> }

export default defineNuxtPlugin({
  name: 'i18n-texts',
  // Listed before the module's plugins (`pre`), it runs as soon as i18n:plugin is done: before
  // i18n:plugin:route-locale-detect, which loads the first locale's texts.
  enforce: 'pre',
  dependsOn: ['i18n:plugin'],
  setup(nuxtApp) {
    const i18n = nuxtApp.$i18n as Composer
    if (import.meta.server) {
      nuxtApp.hooks.hook('app:rendered', () => {
        const locale = i18n.locale.value
        nuxtApp.payload[KEY] = { locale, messages: i18n.getLocaleMessage(locale) } satisfies InlineTexts
      })
      return
    }
    const inline = nuxtApp.payload[KEY] as InlineTexts | undefined
    if (!inline) return
    i18n.mergeLocaleMessage(inline.locale, inline.messages as Parameters<Composer['mergeLocaleMessage']>[1])
    // Synchronous, so it is in place before the module's locale detection asks for the texts.
    const ctx = nuxtApp._nuxtI18n as I18nContext
    const load = ctx.loadMessages
    ctx.loadMessages = async (locale) => {
      if (nuxtApp.isHydrating && locale === inline.locale) return
      return load(locale)
    }
  },
})
