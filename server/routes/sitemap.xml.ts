import { setHeader } from 'h3'
import { siteUrl } from '../utils/site-url'
import { sitemapXml } from '../services/lists/sitemap'

export default defineEventHandler(async (event) => {
  const { db } = await publicContext(event)
  setHeader(event, 'Content-Type', 'application/xml; charset=utf-8')
  setHeader(event, 'Cache-Control', 'public, max-age=3600')
  return sitemapXml(db, siteUrl())
})
