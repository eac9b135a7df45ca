// The Meilisearch client of the process. Node's fetch asks for gzip and Meilisearch would
// compress every answer, which costs more than the search itself (measured on 2 cores: p50 47 ms
// per search with gzip, 2.4 ms without): ask for none. The requests go over node:http rather than
// fetch (meili-http.ts).
import { Meilisearch, type EnqueuedTask, type Task } from 'meilisearch'
import { loadConfig, type AppConfig } from './config'
import { nodeHttpClient } from './meili-http'

export function createMeiliClient(config: AppConfig = loadConfig()): Meilisearch {
  if (!config.meiliUrl) {
    throw new Error('MEILI_URL is not set: start the portal with `npm start` (which runs Meilisearch) or point MEILI_URL at a Meilisearch server')
  }
  return new Meilisearch({
    host: config.meiliUrl,
    apiKey: config.meiliKey,
    timeout: config.meiliTimeoutMs,
    requestInit: { headers: { 'Accept-Encoding': 'identity' } },
    httpClient: nodeHttpClient,
  })
}

let shared: Meilisearch | undefined

export function useMeili(): Meilisearch {
  shared ??= createMeiliClient()
  return shared
}

/**
 * Waits until Meilisearch has processed a task, asking every `interval` ms; throws after
 * `timeout` ms. Not the client's `waitTask`: meilisearch-js 0.62 adds a listener to one abort
 * signal on each poll and removes none, so a task of more than ten polls (0.1 s at the outbox's
 * 10 ms) made Node print a MaxListenersExceededWarning in every portal's log.
 */
export async function waitForTask(meili: Meilisearch, task: EnqueuedTask | Promise<EnqueuedTask>, { timeout, interval = 50 }: { timeout: number; interval?: number }): Promise<Task> {
  const { taskUid } = await task
  const deadline = Date.now() + timeout
  for (;;) {
    const current = await meili.tasks.getTask(taskUid)
    if (current.status !== 'enqueued' && current.status !== 'processing') return current
    if (Date.now() > deadline) throw new Error(`Meilisearch task ${taskUid} was not done within ${timeout} ms`)
    await new Promise((resolve) => setTimeout(resolve, interval))
  }
}
