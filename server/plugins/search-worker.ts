// Keeps Meilisearch in step with PostgreSQL while the portal runs: applies the index settings
// once Meilisearch answers, then drains the search outbox. Every portal process may run it;
// rows are claimed so that no two processes apply the same row at once.
import { applySearchSettings } from '../services/search/settings'
import { OUTBOX_CHANNEL, startOutboxWorker, type OutboxWorker } from '../services/search/outbox'
import { flushSearchStats } from '../services/search/stats'
import { searchContext } from '../services/search/context'
import { closeSharedDb } from '../utils/prisma'

export default defineNitroPlugin((nitro) => {
  if (process.env.SEARCH_WORKER === 'off') return
  const config = loadConfig()
  let worker: OutboxWorker | undefined
  let unlisten: (() => Promise<void>) | undefined
  let stopped = false
  let retry: NodeJS.Timeout | undefined

  const start = async (attempt = 0): Promise<void> => {
    if (stopped) return
    try {
      const db = await useDb()
      await applySearchSettings(db.prisma, useMeili(), config.meiliIndex)
      const started = startOutboxWorker(db.prisma, useMeili(), config.meiliIndex, {
        onError: (message) => console.warn(`[search] index update postponed: ${message}`),
      })
      worker = started
      // The words the index holds take seconds to learn for a city: learnt now, not by the first search.
      void searchContext(db.prisma).catch(() => {})
      // A commit that adds outbox rows, in this process or another, starts the worker at once;
      // its polling stays for what a lost notification would leave behind.
      unlisten = await db.listen(OUTBOX_CHANNEL, () => started.wake())
    } catch (error) {
      const delay = Math.min(30_000, 1000 * 2 ** attempt)
      console.warn(`[search] Meilisearch not ready (${(error as Error).message}); retrying in ${delay / 1000} s`)
      retry = setTimeout(() => void start(attempt + 1), delay)
    }
  }
  void start()

  const flushCounts = async () => {
    const { prisma } = await useDb()
    await flushSearchStats(prisma).catch((error: Error) => console.warn(`[search] search counts kept for later: ${error.message}`))
  }
  const counter = setInterval(() => void flushCounts(), config.searchCountsIntervalMs)

  nitro.hooks.hook('close', async () => {
    stopped = true
    clearTimeout(retry)
    clearInterval(counter)
    await flushCounts()
    await unlisten?.()
    await worker?.stop()
    await closeSharedDb()
  })
})
