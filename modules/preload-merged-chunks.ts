// The browser preloads the code of a page and its components even where the build merged them
// into another chunk.
//
// The server names a chunk in the page's head (<link rel="modulepreload">) when a component it
// rendered has an entry of its own in the build's manifest. Chunks under 10 KB are merged into
// others (`experimentalMinChunkSize` in nuxt.config.ts), and a module merged so has no entry: the
// home page's own code, its layout and its search box were asked for only once the entry script
// had run, one more round trip before the page could hydrate. Here each such module gets an entry
// that imports the chunk holding it, so the server preloads that chunk with the page.
import { basename, relative } from 'node:path'
import { addVitePlugin, defineNuxtModule } from 'nuxt/kit'

export default defineNuxtModule({
  meta: { name: 'preload-merged-chunks' },
  setup(_, nuxt) {
    /** module id (relative to the root, as the server registers it) → file of the chunk holding it */
    const chunkOf = new Map<string, string>()
    addVitePlugin({
      name: 'preload-merged-chunks',
      apply: 'build',
      generateBundle(_options, bundle) {
        for (const chunk of Object.values(bundle)) {
          if (chunk.type !== 'chunk') continue
          for (const id of chunk.moduleIds) {
            if (id !== chunk.facadeModuleId && /\.vue$/.test(id)) chunkOf.set(relative(nuxt.options.rootDir, id), basename(chunk.fileName))
          }
        }
      },
    }, { server: false })
    nuxt.hook('build:manifest', (manifest) => {
      const keyOf = new Map(Object.entries(manifest).map(([key, meta]) => [meta.file, key]))
      for (const [id, file] of chunkOf) {
        const key = keyOf.get(file)
        // No file of its own: the server preloads what it imports, the chunk, once for the page.
        if (key && !manifest[id]) manifest[id] = { file: '', imports: [key] }
      }
    })
  },
})
