// Refuses to start without a public address (server/utils/site-url.ts), and gives it to
// @nuxtjs/i18n, whose alternate-language links would otherwise name the address fixed at build
// time. The shared runtime config is frozen; each request's own copy is not.
import { siteUrl } from '../utils/site-url'

export default defineNitroPlugin((nitro) => {
  const url = siteUrl()
  nitro.hooks.hook('request', (event) => {
    (useRuntimeConfig(event).public.i18n as { baseUrl?: string }).baseUrl = url
  })
})
