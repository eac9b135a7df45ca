// Public answers (pages, public API answers, search answers) kept in this process's memory until
// what they show changes. Every entry belongs to one generation of the content (public lists and
// search index, server/services/cache-generation.ts); when the generation this process knows
// changes, everything kept is dropped. server/plugins/public-cache.ts keeps the generation
// current (NOTIFY at every commit, and a poll for notifications lost) and serves kept answers,
// the middleware 05.public-cache.ts lets concurrent first requests wait for one of them,
// server/plugins/answers.ts keeps new ones.
//
// A page is rendered with the API answers it asks for in the same process (internal requests):
// what those answers require of a kept copy (count a search each time it is sent, be computed
// again within a minute, never be kept after a failure that may pass) applies to the page too,
// so each request's terms are linked to those of the request it was made for.
import { AsyncLocalStorage } from 'node:async_hooks'
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
  replays: (() => void)[]
  /** kept at most this long, whatever the generation (the default of the cache otherwise) */
  maxAgeMs?: number
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
  /** releases the requests waiting for this one */
  done?: () => void
}

/** What a kept copy of a request's answer must honour, as its handler and the requests made for it said. */
export interface AnswerTerms {
  /** the request this one was made for (the page an API answer is rendered into) */
  parent?: AnswerTerms
  replays: (() => void)[]
  maxAgeMs?: number
  /** the answers of the requests made for this one: a failure among them (5xx) is not kept in it */
  made: { statusCode: number }[]
}

declare module 'h3' {
  interface H3EventContext {
    publicCache?: PendingAnswer
    answerTerms?: AnswerTerms
  }
}

const enclosing = new AsyncLocalStorage<AnswerTerms>()

/** Runs a request with terms of its own, linked to those of the request it is made for, if any. */
export function withAnswerTerms<T>(event: H3Event, run: () => T): T {
  const parent = enclosing.getStore()
  const terms: AnswerTerms = { parent, replays: [], made: [] }
  event.context.answerTerms = terms
  for (let t = parent; t; t = t.parent) t.made.push(event.node.res)
  return enclosing.run(terms, run)
}

function eachTerms(event: H3Event, apply: (terms: AnswerTerms) => void): void {
  for (let t = event.context.answerTerms; t; t = t.parent) apply(t)
}

/**
 * Something a handler does for every request (count a search), also when a later request is
 * answered from the cache instead of by the handler, or with a page this answer is part of.
 */
export function onPublicAnswerReplay(event: H3Event, replay: () => void): void {
  eachTerms(event, (t) => t.replays.push(replay))
}

/** For an answer that shows what changes without a commit: kept copies of it (and of pages showing it) are computed again after `ms`. */
export function keepPublicAnswerAtMost(event: H3Event, ms: number): void {
  eachTerms(event, (t) => { t.maxAgeMs = Math.min(t.maxAgeMs ?? ms, ms) })
}

/** Whether a request's answer, as its terms stand once it is computed, may be kept at all. */
export function keepable(terms: AnswerTerms | undefined): boolean {
  return !terms?.made.some((res) => res.statusCode >= 500)
}

export interface PublicCacheOptions {
  maxBytes: number
  /** even unchanged content is computed again after this, unless its handler asked for less (keepPublicAnswerAtMost) */
  maxAgeMs: number
}

export class PublicCache {
  private readonly entries = new Map<string, KeptAnswer & { size: number }>()
  private readonly memos = new Map<string, Promise<unknown>>()
  private readonly inflight = new Map<string, Promise<void>>()
  private bytes = 0
  /** undefined while the generation is unknown: nothing is kept or served */
  private generation: string | undefined
  private content: string | undefined
  private epoch = 0
  readonly stats = { hits: 0, misses: 0, kept: 0, dropped: 0 }

  constructor(private readonly options: PublicCacheOptions) {}

  get currentGeneration(): string | undefined {
    return this.generation
  }

  get size(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.bytes }
  }

  /**
   * How many times this process has seen published content change (the generation's part before
   * the dot; the part after it is the search index). Values derived from published content and
   * kept outside this cache (KeptValue) are stale once it moved.
   */
  get contentEpoch(): number {
    return this.epoch
  }

  /** A different generation (or none, while it cannot be known) drops everything kept. */
  setGeneration(generation: string | undefined): void {
    if (generation === this.generation) return
    this.generation = generation
    const content = generation?.split('.')[0]
    if (content !== undefined && content !== this.content) {
      this.epoch++
      this.content = content
      this.memos.clear()
    }
    this.stats.dropped += this.entries.size
    this.entries.clear()
    this.bytes = 0
  }

  get(key: string): KeptAnswer | undefined {
    if (this.generation === undefined) return undefined
    const entry = this.entries.get(key)
    if (!entry) return undefined
    if (Date.now() - entry.keptAt > (entry.maxAgeMs ?? this.options.maxAgeMs)) {
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
  keep(key: string, generation: string, answer: Omit<KeptAnswer, 'keptAt' | 'variants' | 'replays'> & { replays?: (() => void)[] }): KeptAnswer | undefined {
    if (generation !== this.generation || answer.body.length > this.options.maxBytes / 16) return undefined
    this.remove(key)
    const entry = { ...answer, replays: answer.replays ?? [], variants: {}, keptAt: Date.now(), size: answer.body.length + 512 }
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
   * The value `compute` gives for `key` from the published content as it is now, computed once
   * per change of it and process (concurrent callers share one computation; the search index
   * moving changes nothing here). Unknown generation: computed each time.
   */
  memo<T>(key: string, compute: () => Promise<T>): Promise<T> {
    if (this.generation === undefined) return compute()
    const epoch = this.epoch
    const kept = this.memos.get(key) as Promise<T> | undefined
    if (kept) return kept
    const value = compute()
    if (this.memos.size >= MAX_MEMOS) this.memos.delete(this.memos.keys().next().value!)
    this.memos.set(key, value)
    // A failure is not kept; nor is a value computed while published content changed.
    const forget = () => { if (this.memos.get(key) === value) this.memos.delete(key) }
    value.then(() => { if (this.epoch !== epoch) forget() }, forget)
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

/**
 * The API answers that are the same for every anonymous visitor and change only with published
 * content or the search index (the Atom feeds included); everything else under /api is not kept:
 * the subscription routes, which write or carry a mail's token, among them.
 */
const PUBLIC_API = /^\/api\/(v1\/.+|open-data(\/.+)?|openapi\.json|stats|search|search\/popular|feeds\/(announcements|changes))$/
const NOT_PAGES = /^\/(api|_nuxt|__nuxt|_i18n)(\/|$)/
const BACK_OFFICE = /^\/(en\/)?admin(\/|$)/
/** The pages a mail's link opens with its token: one per token, never worth keeping, and the token is not kept in memory. */
const TOKEN_PAGES = /^\/(en\/)?follow\/(confirm|unsubscribe)\/?$/

/** Whether the request carries credentials: its answer may depend on who asks. */
export function hasSession(event: H3Event): boolean {
  if (getRequestHeader(event, 'authorization')) return true
  const cookie = getRequestHeader(event, 'cookie')
  return !!cookie && cookie.includes(`${SESSION_COOKIE}=`)
}

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
 * office, the pages a mail's token opens, and API routes not known to be public. The key holds the host and scheme (links in the
 * sitemap and robots.txt are absolute) and the whole path and query, so a language, a filter and
 * a page are distinct.
 */
export function publicCacheKey(event: H3Event): string | undefined {
  if (event.method !== 'GET' || hasSession(event)) return undefined
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
  if (BACK_OFFICE.test(decoded) || TOKEN_PAGES.test(decoded)) return undefined
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
 * request id of its own, and does what the handler asked to be done for every request. Sent
 * into a page being rendered, its terms become the page's.
 */
export async function replayKeptAnswer(event: H3Event, cache: PublicCache, key: string, kept: KeptAnswer): Promise<void> {
  const res = event.node.res
  res.statusCode = kept.status
  for (const [name, value] of kept.headers) res.setHeader(name, value)
  res.setHeader('x-request-id', randomUUID())
  res.setHeader('x-cache', 'HIT')
  const body = await compressedAnswer(event, kept.body, kept.variants, (size) => cache.noteVariant(key, kept, size))
  cache.stats.hits++
  for (const replay of kept.replays) {
    replay()
    onPublicAnswerReplay(event, replay)
  }
  if (kept.maxAgeMs !== undefined) keepPublicAnswerAtMost(event, Math.max(0, kept.keptAt + kept.maxAgeMs - Date.now()))
  res.end(body)
}

/**
 * A value derived from published content that a service keeps in this process for up to `ttlMs`
 * (search's dictionary, 大家都在搜): forgotten as soon as published content changes, so that an
 * answer kept for the new generation is never computed from what the old one showed. A value
 * whose computation began before the change is not taken as current; concurrent callers share
 * one computation, and a failure is not kept.
 */
export class KeptValue<T> {
  private kept: { at: number; epoch: number; value: Promise<T> } | undefined

  constructor(private readonly ttlMs: number) {}

  get(compute: () => Promise<T>): Promise<T> {
    const epoch = usePublicCache().contentEpoch
    const kept = this.kept
    if (kept && kept.epoch === epoch && Date.now() - kept.at <= this.ttlMs) return kept.value
    const entry = { at: Date.now(), epoch, value: compute() }
    this.kept = entry
    entry.value.catch(() => { if (this.kept === entry) this.kept = undefined })
    return entry.value
  }

  /** How long the value now kept stays current, unless published content changes first (0: none kept). */
  freshFor(): number {
    const kept = this.kept
    if (!kept || kept.epoch !== usePublicCache().contentEpoch) return 0
    return Math.max(0, kept.at + this.ttlMs - Date.now())
  }

  reset(): void {
    this.kept = undefined
  }
}

let shared: PublicCache | undefined

/** The process's cache; PUBLIC_CACHE_MB sets its size (default 64, 0 turns it off). */
export function usePublicCache(): PublicCache {
  const megabytes = Number(process.env.PUBLIC_CACHE_MB ?? 64)
  shared ??= new PublicCache({ maxBytes: (Number.isFinite(megabytes) && megabytes >= 0 ? megabytes : 64) * 2 ** 20, maxAgeMs: 300_000 })
  return shared
}
