import { describe, expect, it } from 'vitest'
import { lazyOnlyScripts, scriptDependencies, withoutPreloads } from '../../server/utils/lazy-preloads'

// A client build shaped like the item page's: the entry, the page, a badge the page and the
// guide's body both show, the guide's body (hydrated when scrolled to) with a part of its own, and
// a layout merged into the entry's chunk (modules/preload-merged-chunks.ts: no file, imports it).
const manifest = {
  'entry.js': { file: 'entry.js', isEntry: true },
  'pages/item.vue': { file: 'item.js', imports: ['entry.js', '_badge.js'] },
  '_badge.js': { file: 'badge.js', imports: ['entry.js'] },
  'components/Badge.vue': { file: '', imports: ['_badge.js'] },
  'components/guide/Body.vue': { file: 'body.js', imports: ['entry.js', '_badge.js', '_steps.js'] },
  '_steps.js': { file: 'steps.js', imports: ['entry.js'] },
  'components/guide/Steps.vue': { file: '', imports: ['_steps.js'] },
  'layouts/default.vue': { file: '', imports: ['entry.js'] },
  'entry.css': { file: 'entry.css' },
}
// As Nuxt's manifest marks them: scripts and styles the renderer preloads.
const build = scriptDependencies(Object.fromEntries(Object.entries(manifest).map(([id, m]) => [id, { ...m, resourceType: m.file.endsWith('.css') ? 'style' : 'script', module: true, preload: true }])))
const rendered = ['layouts/default.vue', 'pages/item.vue', 'components/Badge.vue', 'components/guide/Body.vue', 'components/guide/Steps.vue']

describe('the scripts a page hydrates without (server/utils/lazy-preloads.ts)', () => {
  it('lists each module\'s own script first, then every script it imports, once', () => {
    expect(build.entrypoints).toEqual(['entry.js'])
    expect(build.scripts['components/guide/Body.vue']).toEqual(['body.js', 'entry.js', 'badge.js', 'steps.js'])
    expect(build.scripts['components/guide/Steps.vue']).toEqual(['steps.js', 'entry.js'])
    expect(build.scripts['entry.css']).toBeUndefined()
  })

  it('leaves out what only a lazily hydrated part and what renders inside it need, and keeps what the page needs too', () => {
    expect([...lazyOnlyScripts(build, ['components/guide/Body.vue'], rendered)].sort()).toEqual(['body.js', 'steps.js'])
  })

  it('keeps a lazy part\'s script when the page also renders it directly', () => {
    const alsoDirect = { ...build, scripts: { ...build.scripts, 'pages/item.vue': ['item.js', 'entry.js', 'badge.js', 'steps.js'] } }
    expect([...lazyOnlyScripts(alsoDirect, ['components/guide/Body.vue'], rendered)]).toEqual(['body.js'])
  })

  it('leaves out nothing without lazy parts', () => {
    expect(lazyOnlyScripts(build, [], rendered).size).toBe(0)
  })

  it('takes the preload links of those scripts out of the head, and nothing else', () => {
    const head = [
      '<link rel="preload" as="fetch" href="/_texts/1/zh-CN.json" crossorigin="anonymous">',
      '<link rel="modulepreload" as="script" crossorigin href="/_nuxt/entry.js">',
      '<link rel="modulepreload" as="script" crossorigin href="/_nuxt/body.js">',
      '<link rel="modulepreload" as="script" crossorigin href="/_nuxt/steps.js">',
      '<link rel="modulepreload" as="script" crossorigin href="/other/body.js">',
      '<script type="module" src="/_nuxt/entry.js" crossorigin></script>',
    ].join('\n')
    expect(withoutPreloads(head, new Set(['body.js', 'steps.js']), '/_nuxt/')).toBe([
      '<link rel="preload" as="fetch" href="/_texts/1/zh-CN.json" crossorigin="anonymous">',
      '<link rel="modulepreload" as="script" crossorigin href="/_nuxt/entry.js">',
      '<link rel="modulepreload" as="script" crossorigin href="/other/body.js">',
      '<script type="module" src="/_nuxt/entry.js" crossorigin></script>',
    ].join('\n'))
  })
})
