// Keeps this process's public cache (server/utils/public-cache.ts) on the current generation of
// the content: a notification at every commit that changes public content or after the search
// index took in changes (any process), and a read every second for a notification lost while
// the listening connection was down. Until the generation is known, nothing is kept or served.
//
// A kept answer is sent before anything else runs for the request (nitro's request hooks, which
// set up i18n and copy the runtime config, and the middleware): that is what lets a process send
// thousands of them a second. Its headers are those the first answer had, security headers
// included; only the request id is new.
import type { H3Event } from 'h3'
import { CACHE_CHANNEL, readCacheGeneration } from '../services/cache-generation'

const POLL_MS = 1000
const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

export default defineNitroPlugin((nitro) => {
  const cache = usePublicCache()
  const handle = nitro.h3App.handler
  nitro.h3App.handler = defineEventHandler((event: H3Event) => withAnswerTerms(event, async () => {
    const key = cache.currentGeneration === undefined ? undefined : publicCacheKey(event)
    const kept = key === undefined ? undefined : cache.get(key)
    if (!kept) return handle(event)
    await replayKeptAnswer(event, cache, key!, kept)
  }))
  let stopped = false
  let unlisten: (() => Promise<void>) | undefined
  let reading: Promise<void> | undefined
  let again = false

  // One read at a time; a notification during a read asks for another read after it.
  const refresh = (): Promise<void> => {
    if (reading) {
      again = true
      return reading
    }
    reading = (async () => {
      do {
        again = false
        try {
          const { prisma } = await useDb()
          cache.setGeneration(await readCacheGeneration(prisma))
        } catch {
          // The database cannot be reached: nothing can change either, so what is kept stays.
        }
      } while (again && !stopped)
    })().finally(() => { reading = undefined })
    return reading
  }

  const onNotify = () => {
    // Stop serving kept answers at once; they come back with the new generation.
    cache.setGeneration(undefined)
    void refresh()
  }

  const start = async (attempt = 0): Promise<void> => {
    if (stopped) return
    try {
      const db = await useDb()
      unlisten = await db.listen(CACHE_CHANNEL, onNotify)
      await refresh()
    } catch {
      setTimeout(() => void start(attempt + 1), Math.min(30_000, 1000 * 2 ** attempt)).unref()
    }
  }
  void start()
  const poll = setInterval(() => void refresh(), POLL_MS)
  poll.unref()

  // Whoever changed published content through this process reads it back at once from it: the
  // answer to a signed-in write waits until this process knows the generation it committed,
  // instead of leaving a few milliseconds in which the notification is still on its way.
  nitro.hooks.hook('beforeResponse', async (event: H3Event) => {
    if (MUTATING.has(event.method) && hasSession(event)) await refresh()
  })

  nitro.hooks.hook('close', async () => {
    stopped = true
    clearInterval(poll)
    await unlisten?.().catch(() => {})
  })
})
