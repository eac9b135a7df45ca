// A public answer not kept yet (server/utils/public-cache.ts; kept ones are served before any
// middleware, by server/plugins/public-cache.ts): concurrent first requests for one answer wait
// for the first of them instead of all computing it, then get what it kept. X-Cache says which.
import { setResponseHeader } from 'h3'

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
    await replayKeptAnswer(event, cache, key, kept)
    return
  }
  cache.stats.misses++
  setResponseHeader(event, 'X-Cache', 'MISS')
  event.context.publicCache = { key, generation, done }
})
