// npm run search:reindex: rebuilds the Meilisearch index from PostgreSQL (the source of truth).
import { loadConfig } from '../server/utils/config'
import { createMeiliClient } from '../server/utils/meili'
import { reindex } from '../server/services/search/reindex'
import { ensureMeilisearch, openMigratedDatabase } from './lib/runtime'

const { config, process: meiliProcess } = await ensureMeilisearch(loadConfig())
const db = await openMigratedDatabase(config)
let exitCode = 0
try {
  const started = Date.now()
  const { documents } = await reindex(db.prisma, createMeiliClient(config), config.meiliIndex)
  console.log(`reindexed ${documents} documents into "${config.meiliIndex}" in ${((Date.now() - started) / 1000).toFixed(1)} s`)
} catch (error) {
  exitCode = 1
  console.error(`reindex failed: ${(error as Error).message}`)
} finally {
  await db.close()
  await meiliProcess?.stop()
}
process.exit(exitCode)
