// The one database handle of the process: PostgreSQL through adapter-pg when DATABASE_URL is
// set, otherwise the embedded PGlite database in the data folder (the zero-setup demo).
import { PrismaPg } from '@prisma/adapter-pg'
import { PGlite } from '@electric-sql/pglite'
import { PrismaPGlite } from 'pglite-prisma-adapter'
import { PrismaClient } from '../generated/prisma/client'
import { loadConfig, type AppConfig } from './config'
import { checkDataDir } from './data-dir'
import { setAuditSigningKey } from '../services/audit'

export type Db = PrismaClient
export type { Prisma } from '../generated/prisma/client'

export interface DbHandle {
  prisma: PrismaClient
  close: () => Promise<void>
}

export async function openDatabase(config: AppConfig = loadConfig()): Promise<DbHandle> {
  // Every process that writes or verifies the audit log opens its database here.
  setAuditSigningKey(config.auditHmacKey, config.auditHmacFromSeq)
  if (config.databaseUrl) {
    // A connection attempt gives up after 5 s, so a request never waits forever on a database
    // that does not answer; the pool drops broken connections and opens new ones when it is back.
    const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: config.databaseUrl, max: 10, connectionTimeoutMillis: 5000 }) })
    return { prisma, close: () => prisma.$disconnect() }
  }
  await checkDataDir(config.pgliteDir)
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

/** Prisma's codes for "cannot reach / lost the server" and PostgreSQL's for a server shutting down or starting. */
const UNAVAILABLE_CODES = new Set(['P1001', 'P1002', 'P1017', 'P2024', '57P01', '57P02', '57P03', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE'])
const UNAVAILABLE_MESSAGE = /Connection terminated|Can't reach database server|ECONNREFUSED|ECONNRESET|terminating connection|the database system is (starting up|shutting down|in recovery mode)|timeout exceeded when trying to connect|Client has encountered a connection error/i

/** Whether an error (or what caused it) says the database server cannot be reached right now. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, message } = e as { code?: unknown; message?: unknown }
    if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) return true
    if (typeof message === 'string' && UNAVAILABLE_MESSAGE.test(message)) return true
  }
  return false
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
