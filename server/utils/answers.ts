// What a handler returned, as the bytes h3 would send, so that an answer can be compressed (and
// kept) before it goes out. h3 turns a string into text/html and an object into JSON; the same
// defaults apply here.
import type { H3Event } from 'h3'
import { appendResponseHeader, getRequestHeader, getResponseHeader, removeResponseHeader, setResponseHeader } from 'h3'
import { compress, isCompressibleType, MIN_COMPRESSIBLE_BYTES, negotiateEncoding, type Encoding } from './compression'

/** The body as bytes, with its content type set as h3 would; undefined for streams, errors and empty answers. */
export function answerBytes(event: H3Event, body: unknown): Buffer | undefined {
  if (body === undefined || body === null || body === '' || event.handled) return undefined
  if (typeof body === 'string') {
    if (!getResponseHeader(event, 'content-type')) setResponseHeader(event, 'content-type', 'text/html')
    return Buffer.from(body)
  }
  if (Buffer.isBuffer(body)) return body
  if (body instanceof Uint8Array) return Buffer.from(body.buffer, body.byteOffset, body.byteLength)
  if (body instanceof Error || typeof (body as { pipe?: unknown }).pipe === 'function' || typeof (body as { getReader?: unknown }).getReader === 'function') return undefined
  if (typeof (body as { arrayBuffer?: unknown }).arrayBuffer === 'function' || typeof body === 'function' || typeof body === 'symbol') return undefined
  if (typeof (body as { end?: unknown }).end === 'function') return undefined
  if (!getResponseHeader(event, 'content-type')) setResponseHeader(event, 'content-type', 'application/json')
  return Buffer.from(typeof body === 'bigint' ? body.toString() : JSON.stringify(body))
}

/** Compressed copies of one answer, made once per encoding (a kept answer is sent many times). */
export type Variants = Partial<Record<Encoding, Promise<Buffer>>>

/**
 * The bytes to send for `bytes`: compressed with the best encoding the client accepts when the
 * answer is text of some size, with the headers that say so. A kept answer's `variants` are made
 * once per encoding, with the effort worth it for all the visitors they serve, and reused
 * (`onCompressed` hears of a copy made); without them the answer is compressed for this reader
 * alone, fast.
 */
export async function compressedAnswer(event: H3Event, bytes: Buffer, variants?: Variants, onCompressed?: (bytes: number) => void): Promise<Buffer> {
  if (bytes.length < MIN_COMPRESSIBLE_BYTES || getResponseHeader(event, 'content-encoding')) return bytes
  if (!isCompressibleType(String(getResponseHeader(event, 'content-type') ?? ''))) return bytes
  // Caches between the portal and the browser must keep one copy per encoding.
  const vary = String(getResponseHeader(event, 'vary') ?? '')
  if (!/accept-encoding/i.test(vary)) appendResponseHeader(event, 'vary', 'Accept-Encoding')
  const encoding = negotiateEncoding(getRequestHeader(event, 'accept-encoding'))
  if (!encoding) return bytes
  let compressed: Buffer
  // A file the browser keeps (`immutable`: the texts of a language) is worth the kept effort even
  // when this process sends it for the first time.
  if (!variants) compressed = await compress(bytes, encoding, /\bimmutable\b/.test(String(getResponseHeader(event, 'cache-control') ?? '')) ? 'kept' : 'once')
  else {
    const made = !variants[encoding]
    compressed = await (variants[encoding] ??= compress(bytes, encoding, 'kept'))
    if (made) onCompressed?.(compressed.length)
  }
  setResponseHeader(event, 'content-encoding', encoding)
  // Removing a header Node would have set itself makes it send the answer chunked.
  if (getResponseHeader(event, 'content-length') !== undefined) removeResponseHeader(event, 'content-length')
  return compressed
}
