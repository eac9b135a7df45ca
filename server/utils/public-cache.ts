// Public answers (pages, public API answers, search answers) kept in this process's memory until
// what they show changes. Every entry belongs to one generation of the content (public lists and
// search index, server/services/cache-generation.ts); when the generation this process knows
// changes, everything kept is dropped. server/plugins/public-cache.ts keeps the generation
// current (NOTIFY at every commit, and a poll for notifications lost), the middleware
// 05.public-cache.ts serves kept answers, server/plugins/answers.ts keeps new ones.
import { randomUUID } from 'node:crypto'
import type { H3Event } from 'h3'
import { getRequestHeader, getRequestProtocol, getRequestHost } from 'h3'
import { SESSION_COOKIE } from '../../shared/auth'
import { compressedAnswer, type Variants } from './answers'

export interface KeptAnswer {
  status: number
  headers: [string, string | string[]][]
  body: Buffer
  variants: Variants
  keptAt: number
  /** what serving this answer again must also do (count a search) */
  onReplay?: () => void
}

/** Memoised values (filter counts of list pages) per process and generation, oldest dropped first. */
const MAX_MEMOS = 10_000

/** Headers that differ per request, per connection or per client; never kept or replayed. */
const UNKEPT_HEADERS = new Set(['set-cookie', 'x-request-id', 'date', 'content-length', 'content-encoding', 'transfer-encoding',
  'connection', 'keep-alive', 'vary', 'x-cache', 'retry-after'])

/** What the middleware learnt of a request whose answer may be kept (event.context.publicCache). */
export interface PendingAnswer {
  key: string
  /** the generation current when the request came in, before anything was read for it */
  generation: string
  kept?: KeptAnswer
  /** releases the requests waiting for this one */
  done?: () => void
  onReplay?: () => void
}

declare module 'h3' {
  interface H3EventContext {
    publicCache?: PendingAnswer
  }
}

/**
 * Something a handler does for every request (count a search), also when a later request is
 * answered from the cache instead of by the handler.
 */
export function onPublicAnswerReplay(event: H3Event, replay: () => void): void {
  if (event.context.publicCache) event.context.publicCache.onReplay = replay
}

export interface PublicCacheOptions {
  maxBytes: number
  /** even unchanged content is computed again after this (popular searches change without a commit) */
  maxAgeMs: number
}

export class PublicCache {
  private readonly entries = new Map<string, KeptAnswer & { size: number }>()
  private readonly memos = new Map<string, Promise<unknown>>()
  private readonly inflight = new Map<string, Promise<void>>()
  private bytes = 0
  /** undefined while the generation is unknown: nothing is kept or served */
  private generation: string | undefined
  readonly stats = { hits: 0, misses: 0, kept: 0, dropped: 0 }

  constructor(private readonly options: PublicCacheOptions) {}

  get currentGeneration(): string | undefined {
    return this.generation
  }

  get size(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.bytes }
  }

  /** A different generation (or none, while it cannot be known) drops everything kept. */
  setGeneration(generation: string | undefined): void {
    if (generation === this.generation) return
    this.generation = generation
    this.stats.dropped += this.entries.size
    this.entries.clear()
    this.memos.clear()
    this.bytes = 0
  }

  get(key: string): KeptAnswer | undefined {
    if (this.generation === undefined) return undefined
    const entry = this.entries.get(key)
    if (!entry) return undefined
    if (Date.now() - entry.keptAt > this.options.maxAgeMs) {
      this.remove(key)
      return undefined
    }
    // Least recently used goes first: a hit moves the entry to the end.
    this.entries.delete(key)
    this.entries.set(key, entry)
    return entry
  }

  /**
   * Keeps an answer computed while `generation` was current; an answer of an older generation
   * (the content changed while it was being computed) is not kept.
   */
  keep(key: string, generation: string, answer: Omit<KeptAnswer, 'keptAt' | 'variants'>): KeptAnswer | undefined {
    if (generation !== this.generation || answer.body.length > this.options.maxBytes / 16) return undefined
    this.remove(key)
    const entry = { ...answer, variants: {}, keptAt: Date.now(), size: answer.body.length + 512 }
    this.entries.set(key, entry)
    this.bytes += entry.size
    this.stats.kept++
    this.evict()
    return entry
  }

  /** Counts a compressed copy made for a kept answer towards the memory bound. */
  noteVariant(key: string, answer: KeptAnswer, bytes: number): void {
    const entry = this.entries.get(key)
    if (entry !== answer) return
    entry.size += bytes
    this.bytes += bytes
    this.evict()
  }

  /**
   * The value `compute` gives for `key` in the current generation, computed once per generation
   * and process (concurrent callers share one computation). Unknown generation: computed each time.
   */
  memo<T>(key: string, compute: () => Promise<T>): Promise<T> {
    const generation = this.generation
    if (generation === undefined) return compute()
    const kept = this.memos.get(key) as Promise<T> | undefined
    if (kept) return kept
    const value = compute()
    if (this.memos.size >= MAX_MEMOS) this.memos.delete(this.memos.keys().next().value!)
    this.memos.set(key, value)
    // A failure is not kept; nor is a value computed while the generation changed.
    const forget = () => { if (this.memos.get(key) === value) this.memos.delete(key) }
    value.then(() => { if (this.generation !== generation) forget() }, forget)
    return value
  }

  /**
   * Lets concurrent requests for one answer wait for the first one instead of all computing it:
   * the first gets `done`, to call once its answer is kept (or turned out not keepable); the
   * others get a promise to wait on before they look again.
   */
  claim(key: string): { done: () => void } | { wait: Promise<void> } {
    const running = this.inflight.get(key)
    if (running) return { wait: running }
    let release!: () => void
    this.inflight.set(key, new Promise<void>((resolve) => { release = resolve }))
    let released = false
    return {
      done: () => {
        if (released) return
        released = true
        this.inflight.delete(key)
        release()
      },
    }
  }

  private remove(key: string): void {
    const entry = this.entries.get(key)
    if (!entry) return
    this.entries.delete(key)
    this.bytes -= entry.size
  }

  private evict(): void {
    for (const key of this.entries.keys()) {
      if (this.bytes <= this.options.maxBytes) return
      this.remove(key)
    }
  }
}

/** The API answers that are the same for every anonymous visitor; everything else under /api is not kept. */
const PUBLIC_API = /^\/api\/(v1\/.+|items\/[^/]+|open-data(\/.+)?|openapi\.json|stats|search|search\/popular)$/
const NOT_PAGES = /^\/(api|_nuxt|__nuxt|_i18n)(\/|$)/
const BACK_OFFICE = /^\/(en\/)?admin(\/|$)/

/** The same query in another parameter order is the same answer; repeated keys keep their order. */
function normalizedQuery(search: string): string {
  if (!search) return ''
  const pairs = search.split('&').filter(Boolean)
  const name = (pair: string) => pair.split('=', 1)[0]!
  return `?${pairs.map((pair, i) => [pair, i] as const).sort(([a, i], [b, j]) => (name(a) < name(b) ? -1 : name(a) > name(b) ? 1 : i - j)).map(([pair]) => pair).join('&')}`
}

/**
 * The key under which this request's answer may be kept, or undefined when it may not: anything
 * but GET, any request that carries a session (its answers may depend on who asks), the back
 * office, and API routes not known to be public. The key holds the host and scheme (links in the
 * sitemap and robots.txt are absolute) and the whole path and query, so a language, a filter and
 * a page are distinct.
 */
export function publicCacheKey(event: H3Event): string | undefined {
  if (event.method !== 'GET') return undefined
  if (getRequestHeader(event, 'authorization')) return undefined
  const cookie = getRequestHeader(event, 'cookie')
  if (cookie && cookie.includes(`${SESSION_COOKIE}=`)) return undefined
  // The address as the client sent it: the same key before routing (server/plugins/public-cache.ts)
  // and in the middleware.
  const path = event.node.req.originalUrl || event.node.req.url || '/'
  const q = path.indexOf('?')
  const pathname = q === -1 ? path : path.slice(0, q)
  let decoded: string
  try {
    decoded = decodeURIComponent(pathname)
  } catch {
    return undefined
  }
  if (BACK_OFFICE.test(decoded)) return undefined
  if (NOT_PAGES.test(decoded) && !PUBLIC_API.test(decoded)) return undefined
  return `${getRequestProtocol(event)}://${getRequestHost(event)}${pathname}${normalizedQuery(q === -1 ? '' : path.slice(q + 1))}`
}

/** The headers of an answer as they may be kept and replayed to anyone. */
export function keptHeaders(event: H3Event): [string, string | string[]][] | undefined {
  const headers = event.node.res.getHeaders()
  if (headers['set-cookie'] !== undefined) return undefined
  if (/\b(private|no-store)\b/i.test(String(headers['cache-control'] ?? ''))) return undefined
  return Object.entries(headers)
    .filter(([name, value]) => value !== undefined && !UNKEPT_HEADERS.has(name))
    .map(([name, value]) => [name, Array.isArray(value) ? value : String(value)])
}

/**
 * Sends a kept answer as it was first sent (status, headers, compressed for this client), with a
 * request id of its own, and does what the handler asked to be done for every request.
 */
export async function replayKeptAnswer(event: H3Event, cache: PublicCache, key: string, kept: KeptAnswer): Promise<void> {
  const res = event.node.res
  res.statusCode = kept.status
  for (const [name, value] of kept.headers) res.setHeader(name, value)
  res.setHeader('x-request-id', randomUUID())
  res.setHeader('x-cache', 'HIT')
  const body = await compressedAnswer(event, kept.body, kept.variants, (size) => cache.noteVariant(key, kept, size))
  cache.stats.hits++
  kept.onReplay?.()
  res.end(body)
}

let shared: PublicCache | undefined

/** The process's cache; PUBLIC_CACHE_MB sets its size (default 64, 0 turns it off). */
export function usePublicCache(): PublicCache {
  const megabytes = Number(process.env.PUBLIC_CACHE_MB ?? 64)
  shared ??= new PublicCache({ maxBytes: (Number.isFinite(megabytes) && megabytes >= 0 ? megabytes : 64) * 2 ** 20, maxAgeMs: 300_000 })
  return shared
}
