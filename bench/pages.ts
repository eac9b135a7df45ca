// What the home page makes a browser download first, read from the build: the entry script, the
// chunks it preloads and the stylesheets, each as stored, gzip and brotli (the files nitro serves).
// The page's CSS travels inside its HTML (nuxt.config.ts, features.inlineStyles): it is counted
// as CSS, compressed on its own, although it is sent compressed with the rest of the page.
import { existsSync, statSync } from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'

export interface InitialAssets { files: number; js: Sizes; css: Sizes }
interface Sizes { raw: number; gzip: number; brotli: number }

const size = (file: string) => (existsSync(file) ? statSync(file).size : NaN)

export function initialAssets(html: string, publicDir: string): InitialAssets {
  const refs = new Set<string>()
  for (const m of html.matchAll(/<script[^>]*\bsrc="([^"]+)"/g)) refs.add(m[1]!)
  for (const m of html.matchAll(/<link[^>]*\brel="(?:modulepreload|stylesheet)"[^>]*>/g)) {
    const href = /\bhref="([^"]+)"/.exec(m[0])?.[1]
    if (href) refs.add(href)
  }
  const js: Sizes = { raw: 0, gzip: 0, brotli: 0 }
  const css: Sizes = { raw: 0, gzip: 0, brotli: 0 }
  for (const ref of refs) {
    if (!ref.startsWith('/_nuxt/')) continue
    const file = path.join(publicDir, ref)
    const into = ref.endsWith('.css') ? css : js
    const raw = size(file)
    into.raw += raw
    // nitro stores no compressed copy where it would not be smaller: the file itself is sent.
    into.gzip += existsSync(`${file}.gz`) ? size(`${file}.gz`) : raw
    into.brotli += existsSync(`${file}.br`) ? size(`${file}.br`) : raw
  }
  for (const m of html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)) {
    const text = Buffer.from(m[1]!)
    css.raw += text.length
    css.gzip += zlib.gzipSync(text).length
    css.brotli += zlib.brotliCompressSync(text).length
  }
  return { files: refs.size, js, css }
}
