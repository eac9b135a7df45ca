// The scripts a page can hydrate without: those only its lazily hydrated components
// (`hydrate-on-visible`, `hydrate-on-interaction`) and what renders inside them need. Preloaded,
// they shared a phone's link with the scripts hydration waits for: the item page preloaded 16
// scripts, 6 of them for parts that hydrate once scrolled to.
import { precomputeDependencies, type Manifest } from 'vue-bundle-renderer'

/** What plugins/lazy-hydration.server.ts notes of a page (in its request's `event.context.lazyHydration`). */
export interface LazyHydration {
  /** the lazily hydrated components */
  lazy: string[]
  /** every module rendered */
  modules: string[]
}

/** Per module id of the client build, the script files it needs, its own first. */
export interface ScriptDependencies {
  entrypoints: string[]
  scripts: Record<string, string[]>
}

/**
 * Each module's own script and those it imports, directly or not: what the renderer preloads for
 * it, as vue-bundle-renderer works it out (a module merged into another's chunk,
 * modules/preload-merged-chunks.ts, has that chunk for its own script).
 */
export function scriptDependencies(manifest: Manifest): ScriptDependencies {
  const { entrypoints, dependencies } = precomputeDependencies(manifest)
  const scripts: Record<string, string[]> = {}
  for (const [id, needs] of Object.entries(dependencies)) {
    const files = Object.values(needs.preload).flatMap((r) => (r.file?.endsWith('.js') ? [r.file] : []))
    if (files.length) scripts[id] = files
  }
  return { entrypoints, scripts }
}

/**
 * The script files to leave out of the page's preloads. `lazy` are the lazily hydrated
 * components; `modules` every module the page rendered, those inside a lazy component included
 * (Vue registers each as it renders, without saying where). A module whose own script is one a
 * lazy component loads is taken to render inside it; a script stays when anything else needs it.
 */
export function lazyOnlyScripts(build: ScriptDependencies, lazy: Iterable<string>, modules: Iterable<string>): Set<string> {
  const lazyIds = new Set(lazy)
  const lazyScripts = new Set([...lazyIds].flatMap((id) => build.scripts[id] ?? []))
  const needed = new Set<string>()
  for (const id of build.entrypoints) for (const file of build.scripts[id] ?? []) needed.add(file)
  for (const id of modules) {
    const files = build.scripts[id]
    if (lazyIds.has(id) || !files || lazyScripts.has(files[0]!)) continue
    for (const file of files) needed.add(file)
  }
  return new Set([...lazyScripts].filter((f) => !needed.has(f)))
}

/** `head` (rendered tags) without the modulepreload links of `files` (names under `assetsBase`). */
export function withoutPreloads(head: string, files: Set<string>, assetsBase: string): string {
  if (!files.size) return head
  return head.replace(/<link rel="modulepreload"[^>]*\bhref="([^"]+)"[^>]*>\n?/g, (tag, href: string) =>
    href.startsWith(assetsBase) && files.has(href.slice(assetsBase.length)) ? '' : tag)
}
