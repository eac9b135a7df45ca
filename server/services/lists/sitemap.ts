// sitemap.xml: every public page in Chinese, with its English alternate.
import type { Db } from '../../utils/prisma'

const STATIC_PAGES = ['/', '/search', '/power', '/responsibility', '/funds', '/departments', '/announcements', '/open-data']

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

export async function sitemapXml(db: Db, baseUrl: string): Promise<string> {
  const [items, departments, funds, versions] = await Promise.all([
    db.powerItem.findMany({ select: { code: true, updatedAt: true }, orderBy: { id: 'asc' } }),
    db.department.findMany({ select: { code: true, updatedAt: true }, orderBy: { sortOrder: 'asc' } }),
    db.specialFund.findMany({ select: { code: true, updatedAt: true }, orderBy: { id: 'asc' } }),
    db.listVersion.findMany({ where: { status: 'PUBLISHED' }, select: { id: true, publishedAt: true } }),
  ])
  const pages: { path: string; lastmod?: Date }[] = [
    ...STATIC_PAGES.map((path) => ({ path })),
    ...items.map((i) => ({ path: `/items/${encodeURIComponent(i.code)}`, lastmod: i.updatedAt })),
    ...departments.map((d) => ({ path: `/departments/${encodeURIComponent(d.code)}`, lastmod: d.updatedAt })),
    ...funds.map((f) => ({ path: `/funds/${encodeURIComponent(f.code)}`, lastmod: f.updatedAt })),
    ...versions.map((v) => ({ path: `/announcements/${v.id}`, lastmod: v.publishedAt ?? undefined })),
  ]
  const base = baseUrl.replace(/\/$/, '')
  const urls = pages.map(({ path, lastmod }) => {
    const zh = escapeXml(`${base}${path}`)
    const en = escapeXml(`${base}/en${path === '/' ? '' : path}`)
    return `<url><loc>${zh}</loc>${lastmod ? `<lastmod>${lastmod.toISOString().slice(0, 10)}</lastmod>` : ''}`
      + `<xhtml:link rel="alternate" hreflang="zh-CN" href="${zh}"/><xhtml:link rel="alternate" hreflang="en" href="${en}"/></url>`
  })
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n${urls.join('\n')}\n</urlset>\n`
}
