// The public cache's rules, without a server: which requests may share an answer, and when a
// kept answer stops being served.
import { createEvent } from 'h3'
import { IncomingMessage, ServerResponse } from 'node:http'
import { Socket } from 'node:net'
import { describe, expect, it } from 'vitest'
import { keepable, keepPublicAnswerAtMost, KeptValue, keptHeaders, onPublicAnswerReplay, PublicCache, publicCacheKey, usePublicCache, withAnswerTerms } from '../../server/utils/public-cache'
import { SESSION_COOKIE } from '../../shared/auth'

function event(path: string, headers: Record<string, string> = {}, method = 'GET') {
  const req = new IncomingMessage(new Socket())
  req.method = method
  req.url = path
  req.headers = { host: 'portal.example', ...headers }
  return createEvent(req, new ServerResponse(req))
}

const answer = (text: string) => ({ status: 200, headers: [['content-type', 'text/html']] as [string, string][], body: Buffer.from(text) })

describe('publicCacheKey', () => {
  it('keys public pages and public API answers by scheme, host, path and query', () => {
    expect(publicCacheKey(event('/power?type=LICENSING&page=2'))).toBe('http://portal.example/power?page=2&type=LICENSING')
    expect(publicCacheKey(event('/en/power'))).toBe('http://portal.example/en/power')
    expect(publicCacheKey(event('/api/v1/power-items?dept=3'))).toBe('http://portal.example/api/v1/power-items?dept=3')
    expect(publicCacheKey(event('/api/search?q=%E6%8A%A4%E7%85%A7'))).toBeDefined()
    expect(publicCacheKey(event('/sitemap.xml', { 'x-forwarded-proto': 'https' }))).toBe('https://portal.example/sitemap.xml')
  })

  it('keeps a language, a filter and a page apart, and repeated filters in their order', () => {
    const keys = ['/power', '/en/power', '/power?page=2', '/power?type=A', '/power?type=A&type=B', '/power?type=B&type=A'].map((p) => publicCacheKey(event(p)))
    expect(new Set(keys).size).toBe(keys.length)
    expect(publicCacheKey(event('/power?b=1&a=2'))).toBe(publicCacheKey(event('/power?a=2&b=1')))
  })

  it('never keys a request with a session, the back office, private API routes or anything but GET', () => {
    expect(publicCacheKey(event('/power', { cookie: `theme=x; ${SESSION_COOKIE}=sealed` }))).toBeUndefined()
    expect(publicCacheKey(event('/power', { authorization: 'Bearer x' }))).toBeUndefined()
    expect(publicCacheKey(event('/power', { cookie: 'theme=x' }))).toBeDefined()
    for (const path of ['/admin', '/admin/workspace', '/en/admin/review', '/api/auth/me', '/api/workspace/power-items', '/api/health',
      '/api/search/analytics', '/api/search/popular-terms', '/api/search/referrals', '/api/search/opened',
      '/api/change-requests', '/api/audit/entries', '/api/history/power-list', '/api/import/template.csv', '/api/synonyms', '/_nuxt/x.js']) {
      expect(publicCacheKey(event(path)), path).toBeUndefined()
    }
    expect(publicCacheKey(event('/api/v1/power-items', {}, 'POST'))).toBeUndefined()
    expect(publicCacheKey(event('/power', {}, 'HEAD'))).toBeUndefined()
  })
})

describe('keptHeaders', () => {
  it('refuses an answer that sets a cookie or is private, and leaves out per-request headers', () => {
    const plain = event('/power')
    plain.node.res.setHeader('content-type', 'text/html')
    plain.node.res.setHeader('x-request-id', 'abc')
    plain.node.res.setHeader('content-security-policy', "script-src 'self'")
    expect(keptHeaders(plain)).toEqual([['content-type', 'text/html'], ['content-security-policy', "script-src 'self'"]])
    const cookie = event('/power')
    cookie.node.res.setHeader('set-cookie', ['a=b'])
    expect(keptHeaders(cookie)).toBeUndefined()
    const secret = event('/power')
    secret.node.res.setHeader('cache-control', 'private, max-age=0')
    expect(keptHeaders(secret)).toBeUndefined()
  })
})

describe('PublicCache', () => {
  it('serves nothing until the generation is known, and nothing of another generation', () => {
    const cache = new PublicCache({ maxBytes: 1 << 20, maxAgeMs: 60_000 })
    expect(cache.keep('k', 'g1', answer('a'))).toBeUndefined()
    cache.setGeneration('g1')
    expect(cache.keep('k', 'g0', answer('stale'))).toBeUndefined()
    expect(cache.get('k')).toBeUndefined()
    cache.keep('k', 'g1', answer('fresh'))
    expect(cache.get('k')?.body.toString()).toBe('fresh')
    cache.setGeneration('g2')
    expect(cache.get('k')).toBeUndefined()
    cache.setGeneration(undefined)
    expect(cache.keep('k', 'g2', answer('x'))).toBeUndefined()
  })

  it('drops the least recently used answers beyond its size', () => {
    const cache = new PublicCache({ maxBytes: 3 * (100 + 512), maxAgeMs: 60_000 })
    cache.setGeneration('g')
    for (const k of ['a', 'b', 'c']) cache.keep(k, 'g', answer(k.repeat(100)))
    expect(cache.get('a')).toBeDefined()
    cache.keep('d', 'g', answer('d'.repeat(100)))
    expect(cache.get('b')).toBeUndefined()
    expect(['a', 'c', 'd'].map((k) => !!cache.get(k))).toEqual([true, true, true])
  })

  it('computes a memoised value once per generation, and again after a change or a failure', async () => {
    const cache = new PublicCache({ maxBytes: 1 << 20, maxAgeMs: 60_000 })
    cache.setGeneration('g1')
    let runs = 0
    const compute = async () => ++runs
    expect(await Promise.all([cache.memo('m', compute), cache.memo('m', compute)])).toEqual([1, 1])
    cache.setGeneration('g2')
    expect(await cache.memo('m', compute)).toBe(2)
    // The search index moving does not change a count over published content.
    cache.setGeneration('g2.7')
    expect(await cache.memo('m', compute)).toBe(2)
    await expect(cache.memo('f', () => Promise.reject(new Error('down')))).rejects.toThrow('down')
    expect(await cache.memo('f', compute)).toBe(3)
  })

  it('lets concurrent requests for one answer wait for the first', async () => {
    const cache = new PublicCache({ maxBytes: 1 << 20, maxAgeMs: 60_000 })
    const first = cache.claim('k')
    const second = cache.claim('k')
    expect('done' in first && 'wait' in second).toBe(true)
    let released = false
    void (second as { wait: Promise<void> }).wait.then(() => { released = true })
    ;(first as { done: () => void }).done()
    await Promise.resolve()
    expect(released).toBe(true)
    expect('done' in cache.claim('k')).toBe(true)
  })
})

describe('an answer rendered into a page', () => {
  it('gives the page what a kept copy of it must do: count again, age out, not be kept after a failure', async () => {
    const page = event('/search?q=x')
    const counted: string[] = []
    await withAnswerTerms(page, async () => {
      const search = event('/api/search?q=x')
      await withAnswerTerms(search, async () => {
        onPublicAnswerReplay(search, () => counted.push('x'))
        search.node.res.statusCode = 200
      })
      const popular = event('/api/search/popular')
      await withAnswerTerms(popular, async () => keepPublicAnswerAtMost(popular, 30_000))
    })
    expect(page.context.answerTerms?.replays.length).toBe(1)
    expect(page.context.answerTerms?.maxAgeMs).toBe(30_000)
    expect(keepable(page.context.answerTerms)).toBe(true)
    page.context.answerTerms?.replays.forEach((replay) => replay())
    expect(counted).toEqual(['x'])

    const failed = event('/search?q=y')
    await withAnswerTerms(failed, async () => {
      const search = event('/api/search?q=y')
      await withAnswerTerms(search, async () => { search.node.res.statusCode = 503 })
    })
    expect(keepable(failed.context.answerTerms)).toBe(false)
  })

  it('keeps requests that run side by side apart', async () => {
    const one = event('/search?q=a')
    const two = event('/search?q=b')
    await Promise.all([
      withAnswerTerms(one, async () => {
        await new Promise((resolve) => setTimeout(resolve, 5))
        onPublicAnswerReplay(one, () => {})
      }),
      withAnswerTerms(two, async () => keepPublicAnswerAtMost(two, 1000)),
    ])
    expect(one.context.answerTerms?.replays.length).toBe(1)
    expect(one.context.answerTerms?.maxAgeMs).toBeUndefined()
    expect(two.context.answerTerms?.replays.length).toBe(0)
    expect(two.context.answerTerms?.parent).toBeUndefined()
  })
})

describe('the age of a kept answer', () => {
  it('ends at its own limit when its handler set one, else at the cache\'s', async () => {
    const cache = new PublicCache({ maxBytes: 1 << 20, maxAgeMs: 60_000 })
    cache.setGeneration('g')
    cache.keep('short', 'g', { ...answer('a'), maxAgeMs: 20 })
    cache.keep('long', 'g', answer('b'))
    await new Promise((resolve) => setTimeout(resolve, 40))
    expect(cache.get('short')).toBeUndefined()
    expect(cache.get('long')).toBeDefined()
  })
})

describe('KeptValue', () => {
  it('is computed once while published content stays, again once it changed, and not kept after a failure', async () => {
    const cache = usePublicCache()
    cache.setGeneration('1.0')
    const value = new KeptValue<number>(60_000)
    let runs = 0
    const compute = async () => ++runs
    expect(await Promise.all([value.get(compute), value.get(compute)])).toEqual([1, 1])
    // The search index moving is not a change of published content.
    cache.setGeneration('1.1')
    expect(await value.get(compute)).toBe(1)
    cache.setGeneration(undefined)
    cache.setGeneration('2.1')
    expect(await value.get(compute)).toBe(2)
    expect(value.freshFor()).toBeGreaterThan(59_000)
    cache.setGeneration('3.1')
    expect(value.freshFor()).toBe(0)
    const failing = new KeptValue<number>(60_000)
    await expect(failing.get(() => Promise.reject(new Error('down')))).rejects.toThrow('down')
    expect(await failing.get(compute)).toBe(3)
    cache.setGeneration(undefined)
  })

  it('does not take a value computed across a change as current', async () => {
    const cache = usePublicCache()
    cache.setGeneration('5.0')
    const value = new KeptValue<string>(60_000)
    let release!: () => void
    const slow = value.get(() => new Promise((resolve) => { release = () => resolve('old') }))
    cache.setGeneration('6.0')
    release()
    expect(await slow).toBe('old')
    expect(await value.get(async () => 'new')).toBe('new')
    cache.setGeneration(undefined)
  })
})
