// The portal's public address (SITE_URL), which the sitemap, robots.txt and every page's
// alternate-language links name. Taken from the request instead, a forged Host header would put
// another site's address into what search engines and caches keep; left to a default, a
// production portal would advertise localhost. `npm start` sets http://localhost:PORT for the
// demo, and `nuxt dev` falls back to http://localhost:3000.
import { appConfig } from './config'

export function siteUrl(): string {
  const configured = appConfig().siteUrl ?? (import.meta.dev ? 'http://localhost:3000' : undefined)
  if (!configured || !/^https?:\/\/[^/\s]+(\/\S*)?$/.test(configured)) {
    throw new Error(`SITE_URL must be set to the portal's public address, such as https://qingdan.example.gov.cn (it is ${configured ? `"${configured}"` : 'not set'}; npm start sets http://localhost:PORT)`)
  }
  return configured
}
