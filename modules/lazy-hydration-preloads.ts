// The client build's scripts per module, for the server: a page's preloads leave out what only its
// lazily hydrated components need (server/plugins/lazy-hydration-preloads.ts).
import { defineNuxtModule } from 'nuxt/kit'
import type { Manifest } from 'vue-bundle-renderer'
import { scriptDependencies } from '../server/utils/lazy-preloads'

export default defineNuxtModule({
  meta: { name: 'lazy-hydration-preloads' },
  setup(_, nuxt) {
    let manifest: Manifest = {}
    nuxt.hook('build:manifest', (m) => { manifest = m })
    // Read when the server is bundled, after the client build and every module's `build:manifest`
    // (modules/preload-merged-chunks.ts adds entries there).
    nuxt.hook('nitro:config', (nitro) => {
      nitro.virtual = { ...nitro.virtual, '#script-dependencies': () => `export default ${JSON.stringify(scriptDependencies(manifest))}` }
    })
  },
})
