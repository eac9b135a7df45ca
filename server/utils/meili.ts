// The Meilisearch client of the process. Node's fetch asks for gzip and Meilisearch would
// compress every answer, which costs more than the search itself (measured on 2 cores: p50 47 ms
// per search with gzip, 2.4 ms without): ask for none. The requests go over node:http rather than
// fetch (meili-http.ts).
import { Meilisearch } from 'meilisearch'
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
