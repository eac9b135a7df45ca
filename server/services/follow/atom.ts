// Atom 1.0 (RFC 4287) written as text: a feed of the portal's changes for feed readers. Every
// value is escaped, and characters XML 1.0 does not allow are dropped, so no record's text can
// break the document.

export interface AtomEntry {
  id: string
  title: string
  updated: Date
  /** the page a reader opens for the entry */
  link: string
  /** plain text, one fact a line */
  content: string
  categories: string[]
}

export interface AtomFeed {
  id: string
  title: string
  subtitle: string
  /** the feed's own address (rel="self") and the page it follows (rel="alternate") */
  self: string
  alternate: string
  author: string
  updated: Date
  entries: AtomEntry[]
}

// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

export function xmlText(value: string): string {
  return value.replace(NOT_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

export function atomXml(feed: AtomFeed): string {
  const entries = feed.entries.map((e) => [
    '  <entry>',
    `    <id>${xmlText(e.id)}</id>`,
    `    <title type="text">${xmlText(e.title)}</title>`,
    `    <updated>${e.updated.toISOString()}</updated>`,
    `    <link rel="alternate" type="text/html" href="${xmlText(e.link)}"/>`,
    ...e.categories.map((c) => `    <category term="${xmlText(c)}"/>`),
    `    <content type="text">${xmlText(e.content)}</content>`,
    '  </entry>',
  ].join('\n'))
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">',
    `  <id>${xmlText(feed.id)}</id>`,
    `  <title type="text">${xmlText(feed.title)}</title>`,
    `  <subtitle type="text">${xmlText(feed.subtitle)}</subtitle>`,
    `  <updated>${feed.updated.toISOString()}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${xmlText(feed.self)}"/>`,
    `  <link rel="alternate" type="text/html" href="${xmlText(feed.alternate)}"/>`,
    `  <author><name>${xmlText(feed.author)}</name></author>`,
    ...entries,
    '</feed>',
    '',
  ].join('\n')
}
