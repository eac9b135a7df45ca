// Starts what the integration and end-to-end tests run against: a real PostgreSQL server from
// the installed binaries and the real Meilisearch binary, each on a free port, removed afterwards.
// Both projects list this setup; when both run, the second shares the first one's servers.
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { TestProject } from 'vitest/node'
import { startPostgres } from '../../scripts/lib/postgres-server'
import { startMeilisearch } from '../../scripts/lib/meilisearch-process'

declare module 'vitest' {
  export interface ProvidedContext {
    pgUrl: string
    meiliUrl: string
    meiliKey: string
    meiliDbPath: string
  }
}

interface Servers { context: { pgUrl: string; meiliUrl: string; meiliKey: string; meiliDbPath: string }; stop: () => Promise<void> }

// Each project loads this file on its own, so what they share lives on the process.
const shared = globalThis as { testServers?: { started: Promise<Servers>; users: number } }

async function start(): Promise<Servers> {
  const pg = await startPostgres()
  const meiliDir = mkdtempSync(path.join(os.tmpdir(), 'sanzhang-meili-'))
  const meiliDbPath = path.join(meiliDir, 'db')
  const meili = await startMeilisearch({ dbPath: meiliDbPath })
  return {
    context: { pgUrl: pg.url, meiliUrl: meili.url, meiliKey: meili.masterKey, meiliDbPath },
    async stop() {
      await meili.stop()
      rmSync(meiliDir, { recursive: true, force: true })
      pg.stop()
    },
  }
}

export default async function setup(project: TestProject) {
  shared.testServers ??= { started: start(), users: 0 }
  const servers = shared.testServers
  servers.users++
  const { context } = await servers.started
  for (const [key, value] of Object.entries(context)) project.provide(key as keyof typeof context, value)
  return async () => {
    if (--servers.users > 0) return
    delete shared.testServers
    await (await servers.started).stop()
  }
}
