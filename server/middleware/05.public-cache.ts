// Serves a public answer kept from an earlier request when nothing it shows has changed since
// (server/utils/public-cache.ts). Concurrent first requests for one answer wait for the first
// of them instead of all computing it. X-Cache says which it was.
import { setResponseHeader, setResponseStatus } from 'h3'

/** A request never waits longer than this for another one to compute its answer. */
const WAIT_MS = 10_000

function waitAtMost(promise: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined
  return Promise.race([promise, new Promise<void>((resolve) => { timer = setTimeout(resolve, ms) })]).finally(() => clearTimeout(timer))
}

export default defineEventHandler(async (event) => {
  const key = publicCacheKey(event)
  if (!key) return
  const cache = usePublicCache()
  const generation = cache.currentGeneration
  if (generation === undefined) return
  let kept = cache.get(key)
  let done: (() => void) | undefined
  if (!kept) {
    const claim = cache.claim(key)
    if ('wait' in claim) {
      await waitAtMost(claim.wait, WAIT_MS)
      kept = cache.get(key)
    } else {
      done = claim.done
    }
  }
  if (kept) {
    cache.stats.hits++
    setResponseStatus(event, kept.status)
    for (const [name, value] of kept.headers) event.node.res.setHeader(name, value)
    setResponseHeader(event, 'X-Cache', 'HIT')
    event.context.publicCache = { key, generation, kept }
    kept.onReplay?.()
    return kept.body
  }
  cache.stats.misses++
  setResponseHeader(event, 'X-Cache', 'MISS')
  event.context.publicCache = { key, generation, done }
})
