// The one database handle of the process: PostgreSQL through adapter-pg when DATABASE_URL is
// set, otherwise the embedded PGlite database in the data folder (the zero-setup demo).
import { mkdir, access, constants } from 'node:fs/promises'
import { PrismaPg } from '@prisma/adapter-pg'
import { PGlite } from '@electric-sql/pglite'
import { PrismaPGlite } from 'pglite-prisma-adapter'
import { PrismaClient } from '../generated/prisma/client'
import { loadConfig, type AppConfig } from './config'

export type Db = PrismaClient
export type { Prisma } from '../generated/prisma/client'

export interface DbHandle {
  prisma: PrismaClient
  close: () => Promise<void>
}

export async function openDatabase(config: AppConfig = loadConfig()): Promise<DbHandle> {
  if (config.databaseUrl) {
    const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: config.databaseUrl, max: 10 }) })
    return { prisma, close: () => prisma.$disconnect() }
  }
  await ensureWritableDir(config.pgliteDir)
  const pglite = new PGlite({ dataDir: config.pgliteDir })
  await pglite.waitReady
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) })
  return {
    prisma,
    close: async () => {
      await prisma.$disconnect()
      await pglite.close()
    },
  }
}

/** A read-only or full data folder must stop the start with a message, not a wasm stack trace. */
async function ensureWritableDir(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true })
    await access(dir, constants.W_OK)
  } catch (error) {
    throw new Error(`the embedded database folder ${dir} cannot be written (${(error as Error).message}); free the disk, fix its permissions, or set DATABASE_URL`)
  }
}

let shared: Promise<DbHandle> | undefined

/** The process-wide handle, opened on first use. */
export function useDb(): Promise<DbHandle> {
  shared ??= openDatabase()
  return shared
}

export async function closeSharedDb(): Promise<void> {
  if (!shared) return
  const handle = await shared
  shared = undefined
  await handle.close()
}
