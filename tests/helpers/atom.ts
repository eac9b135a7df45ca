// Reads an Atom feed as a feed reader would: a namespace-aware XML parser (saxes) that throws on
// anything not well-formed, then the elements RFC 4287 requires of a feed and of each entry.
import { SaxesParser, type SaxesTagNS } from 'saxes'

const ATOM = 'http://www.w3.org/2005/Atom'
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/

export interface AtomLink { rel: string; type: string | undefined; href: string }
export interface ParsedEntry { id: string; title: string; updated: string; links: AtomLink[]; content: string; categories: string[] }
export interface ParsedFeed { id: string; title: string; updated: string; author: string; links: AtomLink[]; entries: ParsedEntry[] }

interface Node { name: string; attributes: Record<string, string>; text: string; children: Node[] }

function parseXml(xml: string): Node {
  const parser = new SaxesParser({ xmlns: true })
  const stack: Node[] = []
  let root: Node | undefined
  parser.on('opentag', (tag: SaxesTagNS) => {
    if (tag.uri !== ATOM) throw new Error(`element ${tag.name} is not in the Atom namespace (${tag.uri})`)
    const node: Node = { name: tag.local, attributes: Object.fromEntries(Object.values(tag.attributes).map((a) => [a.local, a.value])), text: '', children: [] }
    stack.at(-1)?.children.push(node)
    stack.push(node)
    root ??= node
  })
  parser.on('text', (text) => { if (stack.length) stack.at(-1)!.text += text })
  parser.on('closetag', () => { stack.pop() })
  parser.write(xml).close()
  if (!root) throw new Error('no root element')
  return root
}

function one(parent: Node, name: string): Node {
  const found = parent.children.filter((c) => c.name === name)
  if (found.length !== 1) throw new Error(`<${parent.name}> must have exactly one <${name}>, has ${found.length}`)
  return found[0]!
}

function date(parent: Node): string {
  const value = one(parent, 'updated').text
  if (!RFC3339.test(value)) throw new Error(`<updated> is not an RFC 3339 date: ${value}`)
  return value
}

const links = (parent: Node): AtomLink[] => parent.children.filter((c) => c.name === 'link').map((l) => {
  if (!l.attributes.href) throw new Error('<link> without href')
  return { rel: l.attributes.rel ?? 'alternate', type: l.attributes.type, href: l.attributes.href }
})

/** The feed, or an error naming what makes it no valid Atom. */
export function parseAtom(xml: string): ParsedFeed {
  const feed = parseXml(xml)
  if (feed.name !== 'feed') throw new Error(`root element is <${feed.name}>, not <feed>`)
  const author = feed.children.find((c) => c.name === 'author')
  const entries = feed.children.filter((c) => c.name === 'entry').map((e) => {
    if (!author && !e.children.some((c) => c.name === 'author')) throw new Error('an entry without <author> in a feed without one')
    const entryLinks = links(e)
    const content = e.children.find((c) => c.name === 'content')
    if (!content && !entryLinks.some((l) => l.rel === 'alternate')) throw new Error('an entry with neither <content> nor an alternate link')
    return { id: one(e, 'id').text, title: one(e, 'title').text, updated: date(e), links: entryLinks, content: content?.text ?? '', categories: e.children.filter((c) => c.name === 'category').map((c) => c.attributes.term ?? '') }
  })
  return { id: one(feed, 'id').text, title: one(feed, 'title').text, updated: date(feed), author: author ? one(author, 'name').text : '', links: links(feed), entries }
}
