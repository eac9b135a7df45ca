import { getRequestURL, setHeader } from 'h3'

/** Search-engine crawlers may read the public portal, not the API or the back office. */
export default defineEventHandler((event) => {
  setHeader(event, 'Content-Type', 'text/plain; charset=utf-8')
  const base = process.env.NUXT_PUBLIC_SITE_URL || getRequestURL(event).origin
  return `User-agent: *\nAllow: /\nDisallow: /api/\nDisallow: /admin\nSitemap: ${base.replace(/\/$/, '')}/sitemap.xml\n`
})
