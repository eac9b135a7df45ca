// The process's configuration, read once from the environment. Nothing else reads process.env.
import path from 'node:path'

export interface AppConfig {
  /** PostgreSQL server; when unset the embedded PGlite database in `pgliteDir` is used */
  databaseUrl: string | undefined
  dataDir: string
  pgliteDir: string
  /** Meilisearch server; when unset `npm start` runs the bundled binary */
  meiliUrl: string | undefined
  meiliKey: string | undefined
  meiliIndex: string
  /** how long a search may take before the portal reports search as unavailable */
  meiliTimeoutMs: number
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const dataDir = path.resolve(env.DATA_DIR || '.data')
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir,
    pgliteDir: path.join(dataDir, 'pglite'),
    meiliUrl: env.MEILI_URL || undefined,
    meiliKey: env.MEILI_MASTER_KEY || undefined,
    meiliIndex: env.MEILI_INDEX || 'items',
    meiliTimeoutMs: Number(env.MEILI_TIMEOUT_MS) || 2000,
  }
}
