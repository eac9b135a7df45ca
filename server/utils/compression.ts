// Compression of text answers for the browsers that ask for it. A phone on a slow link spends
// most of a page load receiving bytes: HTML, JSON, CSV and feeds shrink five- to tenfold.
// Static files are compressed once at build (nitro's compressPublicAssets); this is for what the
// server makes per request, also when no proxy in front of the portal compresses.
import { promisify } from 'node:util'
import zlib from 'node:zlib'

export type Encoding = 'br' | 'gzip'

/** Below this, the headers cost more than the bytes saved. */
export const MIN_COMPRESSIBLE_BYTES = 1024

const COMPRESSIBLE_TYPE = /^(text\/|application\/(json|javascript|xml|xhtml\+xml|atom\+xml|rss\+xml|manifest\+json|ld\+json|problem\+json)|image\/svg\+xml)|[+/](json|xml)\b/i

export function isCompressibleType(contentType: string | undefined): boolean {
  return !!contentType && COMPRESSIBLE_TYPE.test(contentType)
}

/**
 * The encoding to answer with for an Accept-Encoding header: brotli when it is acceptable (it is
 * about a fifth smaller than gzip on these pages), else gzip, else none. `q=0` refuses one.
 */
export function negotiateEncoding(acceptEncoding: string | undefined): Encoding | undefined {
  if (!acceptEncoding) return undefined
  const accepted = new Map<string, number>()
  for (const part of acceptEncoding.toLowerCase().split(',')) {
    const [name = '', ...params] = part.trim().split(';')
    const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined)
    accepted.set(name.trim(), q === undefined ? 1 : Number(q))
  }
  const wildcard = accepted.get('*')
  const weight = (name: Encoding) => accepted.get(name) ?? wildcard ?? 0
  if (weight('br') > 0 && weight('br') >= weight('gzip')) return 'br'
  if (weight('gzip') > 0) return 'gzip'
  return undefined
}

const brotli = promisify(zlib.brotliCompress)
const gzip = promisify(zlib.gzip)

/**
 * Up to this size an answer is compressed at once on the event loop: a 10 KB search answer takes
 * 0.1–0.3 ms, less than the 0.47 ms a search waited for the thread pool before; a 64 KB one at
 * most a few milliseconds.
 */
const COMPRESS_INLINE_BELOW = 64 * 1024

/**
 * How hard to compress: an answer kept for the next visitors (`kept`) is sent many times, so it
 * gets brotli quality 5 or gzip level 6: on a 78 KB list page about 7 and 3 ms, within a few
 * percent of the best ratio (quality 11 took 290 ms for 15% less). An answer sent once (`once`:
 * a search nobody asked before, a signed-in page) is on its reader's clock: brotli quality 2 or
 * gzip level 1, on a 12 KB search answer of the city-scale benchmark 0.07 ms instead of 0.19 for
 * 19% more bytes (1.9 instead of 1.6 KB). Larger answers are compressed on libuv's thread pool,
 * so the event loop keeps serving meanwhile.
 */
export type Effort = 'kept' | 'once'

export function compress(body: Buffer, encoding: Encoding, effort: Effort = 'kept'): Promise<Buffer> {
  const inline = body.length < COMPRESS_INLINE_BELOW
  if (encoding === 'br') {
    const options = {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: effort === 'kept' ? 5 : 2,
        [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length,
      },
    }
    return inline ? Promise.resolve(zlib.brotliCompressSync(body, options)) : brotli(body, options)
  }
  const options = { level: effort === 'kept' ? 6 : 1 }
  return inline ? Promise.resolve(zlib.gzipSync(body, options)) : gzip(body, options)
}
