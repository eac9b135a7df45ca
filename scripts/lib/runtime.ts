// What the commands share: the database migrated and open, and a Meilisearch to talk to (the
// configured one, or the bundled binary over the data folder when MEILI_URL is not set).
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type { AppConfig } from '../../server/utils/config'
import { openDatabase, type DbHandle } from '../../server/utils/prisma'
import { Migrator } from '../../prisma/migrator'
import { startMeilisearch, type MeilisearchProcess } from './meilisearch-process'

export const projectRoot = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..')

export async function migrateDatabase(config: AppConfig): Promise<string[]> {
  const migrator = await Migrator.open(config.databaseUrl ? { databaseUrl: config.databaseUrl } : { pgliteDir: config.pgliteDir })
  try {
    return await migrator.deploy()
  } finally {
    await migrator.dispose()
  }
}

export async function openMigratedDatabase(config: AppConfig): Promise<DbHandle> {
  await migrateDatabase(config)
  return openDatabase(config)
}

/** Starts the bundled Meilisearch unless MEILI_URL names one; returns the config to use and how to stop it. */
export async function ensureMeilisearch(config: AppConfig, log: (line: string) => void = () => {}): Promise<{ config: AppConfig; process?: MeilisearchProcess }> {
  if (config.meiliUrl) return { config }
  const meili = await startMeilisearch({ dbPath: path.join(config.dataDir, 'meilisearch'), log })
  return { config: { ...config, meiliUrl: meili.url, meiliKey: meili.masterKey }, process: meili }
}

export async function readDataFiles(itemsPath = path.join(projectRoot, 'data/guangan-items.json')) {
  return {
    itemsText: await readFile(itemsPath, 'utf8'),
    dictionaryText: await readFile(path.join(projectRoot, 'data/search-dictionary.json'), 'utf8'),
    demoGuideTables: {
      rules: await readFile(path.join(projectRoot, 'data/demo/guide-rules.json'), 'utf8'),
      halls: await readFile(path.join(projectRoot, 'data/demo/service-halls.json'), 'utf8'),
      lifeEvents: await readFile(path.join(projectRoot, 'data/demo/life-events.json'), 'utf8'),
    },
    sourceName: path.relative(projectRoot, itemsPath),
  }
}
