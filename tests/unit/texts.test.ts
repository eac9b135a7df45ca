import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { createI18n } from 'vue-i18n'
import { compiledTexts } from '../../server/utils/texts'
import { isOfficePath, isOfficeText, splitTexts } from '../../shared/text-parts'

type Tree = { [key: string]: Tree | string }

// The portal's types name its two locales (@nuxtjs/i18n) and type each key; here each language is
// made on its own and its keys are read from the files.
const i18nOf = createI18n as unknown as (options: object) => { global: { t: (key: string, named: Record<string, unknown>) => string } }

const LOCALES = join(import.meta.dirname, '../../i18n/locales')

/** A language's texts as @nuxtjs/i18n merges its files: one tree, files sharing a top-level key merged. */
function writtenTexts(locale: string): Tree {
  const merge = (into: Tree, from: Tree) => {
    for (const [k, v] of Object.entries(from)) {
      const existing = into[k]
      if (typeof v === 'object' && typeof existing === 'object') merge(existing, v)
      else into[k] = typeof v === 'object' ? merge({}, v) : v
    }
    return into
  }
  const texts: Tree = {}
  for (const file of readdirSync(join(LOCALES, locale)).sort()) merge(texts, JSON.parse(readFileSync(join(LOCALES, locale, file), 'utf8')) as Tree)
  return texts
}

/** Each text with its key, as `t()` is called with it. */
function entries(tree: Tree, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [[`${prefix}${k}`, v] as [string, string]] : entries(v, `${prefix}${k}.`)))
}

/**
 * vue-i18n's switch for builds without the compiler (the browser's, nuxt.config.ts), read when a
 * text is formatted. Its warning that a plain text is shown as written is what the browser relies on.
 */
const DROPPED = '__INTLIFY_DROP_MESSAGE_COMPILER__'
function withoutCompiler<T>(run: () => T): T {
  const g = globalThis as Record<string, unknown>
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
  g[DROPPED] = true
  try {
    return run()
  } finally {
    g[DROPPED] = false
    warn.mockRestore()
  }
}

describe('the texts the browser gets (server/utils/texts.ts)', () => {
  it('keeps a text without placeholders as it is written and compiles one with placeholders, plurals or links', () => {
    const texts = compiledTexts({ plain: '办护照', count: '共 {total} 项', plural: 'no items | one item | {n} items', link: '@:plain', literal: "{'@'}" }) as Record<string, unknown>
    expect(texts.plain).toBe('办护照')
    for (const k of ['count', 'plural', 'link', 'literal']) expect(typeof texts[k], k).toBe('object')
  })

  it('refuses a text that does not compile, naming its key', () => {
    expect(() => compiledTexts({ lists: { count: '共 {total 项' } })).toThrow(/lists\.count/)
  })

  // Every text shows the same words whether the browser formats it from the compiled form, without
  // a compiler, or the server from the text as written: placeholders filled, plurals chosen, links
  // followed. A text with a placeholder sent as written would show its braces instead.
  it.each(readdirSync(LOCALES))('%s: every text compiles and reads the same as the text as written', (locale) => {
    const written = writtenTexts(locale)
    const compiled = compiledTexts(written) as Tree
    const i18n = (texts: Tree) => i18nOf({ legacy: false, locale, messages: { [locale]: texts } }).global
    const asWritten = i18n(written)
    const fromCompiled = i18n(compiled)
    const all = entries(written)
    expect(all.length).toBeGreaterThan(500)
    let withPlaceholders = 0
    for (const [key, text] of all) {
      const named = Object.fromEntries([...text.matchAll(/\{\s*(\w+)\s*\}/g)].map(([, name]) => [name, `<${name}>`]))
      const shown = withoutCompiler(() => fromCompiled.t(key, named))
      expect(shown, key).toBe(asWritten.t(key, named))
      if (/<\w+>/.test(shown)) withPlaceholders++
    }
    expect(withPlaceholders).toBeGreaterThan(50)
    expect(withoutCompiler(() => asWritten.t('lists.power.count', { total: 3 }))).toMatch(/\{total\}/)
  })
})

describe('the two parts of a language\'s texts (shared/text-parts.ts)', () => {
  // Each text goes out once, in the part isOfficeText names (the browser fetches the back office's
  // part when one of its texts is asked for elsewhere), and the public part is the smaller.
  it.each(readdirSync(LOCALES))('%s: every text is in exactly one part, the one its key names', (locale) => {
    const written = writtenTexts(locale)
    const parts = splitTexts(written)
    const all = entries(written)
    const office = new Map(entries(parts.office as Tree))
    const pub = new Map(entries(parts.public as Tree))
    expect(office.size + pub.size).toBe(all.length)
    for (const [key, text] of all) {
      expect((isOfficeText(key) ? office : pub).get(key), key).toBe(text)
    }
    expect(office.size).toBeGreaterThan(300)
    expect(JSON.stringify(parts.public).length).toBeLessThan(JSON.stringify(written).length * 0.7)
    // What public pages show from the back office's namespaces stays public.
    for (const key of ['admin.errors.generic', 'workspace.common.fixErrors', 'workspace.status.PUBLISHED', 'lists.power.count', 'site.title']) {
      expect(pub.has(key) || [...pub.keys()].some((k) => k.startsWith(`${key}.`)), key).toBe(true)
    }
    for (const key of ['admin.login.title', 'reform.title', 'import.title']) {
      expect([...office.keys()].some((k) => k === key || k.startsWith(`${key}.`)), key).toBe(true)
    }
  })

  it('knows a back-office page by its address in either language', () => {
    for (const path of ['/admin', '/admin/login', '/admin/workspace/drafts/3', '/en/admin', '/en/admin/reform']) expect(isOfficePath(path), path).toBe(true)
    for (const path of ['/', '/en', '/power', '/search', '/administration', '/en/items/511', '/items/admin']) expect(isOfficePath(path), path).toBe(false)
  })
})
