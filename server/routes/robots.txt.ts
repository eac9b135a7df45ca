import { setHeader } from 'h3'
import { siteUrl } from '../utils/site-url'

/** Search-engine crawlers may read the public portal, not the API or the back office. */
export default defineEventHandler((event) => {
  setHeader(event, 'Content-Type', 'text/plain; charset=utf-8')
  return `User-agent: *\nAllow: /\nDisallow: /api/\nDisallow: /admin\nSitemap: ${siteUrl()}/sitemap.xml\n`
})
