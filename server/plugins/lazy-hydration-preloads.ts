// A page's preloads leave out the scripts of its lazily hydrated components (noted by
// plugins/lazy-hydration.server.ts; what is left out: server/utils/lazy-preloads.ts). The browser
// loads them when the component is to hydrate.
import { joinURL } from 'ufo'
// Written from the client build's manifest (modules/lazy-hydration-preloads.ts).
import build from '#script-dependencies'
import { lazyOnlyScripts, withoutPreloads, type LazyHydration } from '../utils/lazy-preloads'

export default defineNitroPlugin((nitro) => {
  nitro.hooks.hook('render:html', (html, { event }) => {
    const lazy = event.context.lazyHydration as LazyHydration | undefined
    if (!lazy) return
    const files = lazyOnlyScripts(build, lazy.lazy, lazy.modules)
    const { app } = useRuntimeConfig(event)
    const base = joinURL(app.cdnURL || app.baseURL, app.buildAssetsDir, '/')
    html.head = html.head.map((h) => withoutPreloads(h, files, base))
  })
})
