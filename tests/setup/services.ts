// Starts what the integration and end-to-end tests run against: a real PostgreSQL server from
// the installed binaries and the real Meilisearch binary, each on a free port, removed afterwards.
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { TestProject } from 'vitest/node'
import { startPostgres } from '../../scripts/lib/postgres-server'
import { startMeilisearch } from '../../scripts/lib/meilisearch-process'
import { buildPortal } from '../helpers/portal'

declare module 'vitest' {
  export interface ProvidedContext {
    pgUrl: string
    meiliUrl: string
    meiliKey: string
    meiliDbPath: string
  }
}

export default async function setup(project: TestProject) {
  // The end-to-end tests run the production build; build once for all of them (E2E_BUILD=0 skips).
  if (process.env.E2E_BUILD !== '0') buildPortal()
  const pg = await startPostgres()
  const meiliDir = mkdtempSync(path.join(os.tmpdir(), 'sanzhang-meili-'))
  const meili = await startMeilisearch({ dbPath: path.join(meiliDir, 'db') })
  project.provide('pgUrl', pg.url)
  project.provide('meiliUrl', meili.url)
  project.provide('meiliKey', meili.masterKey)
  project.provide('meiliDbPath', path.join(meiliDir, 'db'))
  return async () => {
    await meili.stop()
    rmSync(meiliDir, { recursive: true, force: true })
    pg.stop()
  }
}
