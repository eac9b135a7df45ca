// Refuses to start without a public address (server/utils/site-url.ts), and gives it to
// @nuxtjs/i18n, whose alternate-language links would otherwise name the address fixed at build
// time. The shared runtime config is frozen: the address is set in each request's copy as it is
// made (server/utils/request-config.ts).
import { amendRequestConfig } from '../utils/request-config'
import { siteUrl } from '../utils/site-url'

export default defineNitroPlugin(() => {
  const url = siteUrl()
  amendRequestConfig('public', (config) => {
    (config.i18n as { baseUrl?: string }).baseUrl = url
  })
})
