// The one database handle of the process: PostgreSQL through adapter-pg when DATABASE_URL is
// set, otherwise the embedded PGlite database in the data folder (the zero-setup demo).
import { PrismaPg } from '@prisma/adapter-pg'
import pg from 'pg'
import { PGlite } from '@electric-sql/pglite'
import { PrismaPGlite } from 'pglite-prisma-adapter'
import { PrismaClient } from '../generated/prisma/client'
import { loadConfig, type AppConfig } from './config'
import { checkDataDir, lockDataDir } from './data-dir'

export type Db = PrismaClient
export type { Prisma } from '../generated/prisma/client'

export interface DbHandle {
  prisma: PrismaClient
  close: () => Promise<void>
  /**
   * Calls `onNotify` for each NOTIFY on `channel` committed by any process; returns the function
   * that stops listening. Notifications may be lost while the server is unreachable, so a
   * listener must not be the only way its work gets done.
   */
  listen: (channel: string, onNotify: () => void) => Promise<() => Promise<void>>
}

type PgAdapter = Awaited<ReturnType<PrismaPg['connect']>>
type PgTransaction = Awaited<ReturnType<PgAdapter['startTransaction']>>

/**
 * adapter-pg with a transaction's statements sent one after the other. A transaction holds one
 * connection, but Prisma sends some statements of one call together: the relations of an
 * `include` (Prisma's issue 29407), or the parts of a statement it splits for having
 * more parameters than it allows. pg 8 queues them itself, warning that pg 9 will refuse to; here
 * each waits for the one before, so the connection never gets two at once (tests/setup/pg-warnings.ts
 * fails a test file that does).
 */
class SerialTransactionsPg extends PrismaPg {
  override async connect(): Promise<PgAdapter> {
    const adapter = await super.connect()
    const start = adapter.startTransaction.bind(adapter)
    adapter.startTransaction = async (isolationLevel) => oneAtATime(await start(isolationLevel))
    return adapter
  }
}

function oneAtATime(tx: PgTransaction): PgTransaction {
  let last: Promise<unknown> = Promise.resolve()
  const inTurn = <T>(run: () => Promise<T>): Promise<T> => {
    const turn = last.then(run, run)
    last = turn.catch(() => {})
    return turn
  }
  const queryRaw = tx.queryRaw.bind(tx)
  const executeRaw = tx.executeRaw.bind(tx)
  tx.queryRaw = (query) => inTurn(() => queryRaw(query))
  tx.executeRaw = (query) => inTurn(() => executeRaw(query))
  return tx
}

export async function openDatabase(config: AppConfig = loadConfig()): Promise<DbHandle> {
  if (config.databaseUrl) {
    // A connection attempt gives up after 5 s, so a request never waits forever on a database
    // that does not answer; the pool drops broken connections and opens new ones when it is back.
    const prisma = new PrismaClient({ adapter: new SerialTransactionsPg({ connectionString: config.databaseUrl, max: 10, connectionTimeoutMillis: 5000 }) })
    const url = config.databaseUrl
    return { prisma, close: () => prisma.$disconnect(), listen: (channel, onNotify) => listenPg(url, channel, onNotify) }
  }
  await checkDataDir(config.pgliteDir)
  // PGlite admits one process: a second one on the same files would lose writes without a word.
  const unlock = lockDataDir(config.dataDir)
  const pglite = new PGlite({ dataDir: config.pgliteDir })
  await pglite.waitReady.catch((error: unknown) => {
    unlock()
    throw error
  })
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) })
  return {
    prisma,
    close: async () => {
      await prisma.$disconnect()
      await pglite.close()
      unlock()
    },
    listen: async (channel, onNotify) => pglite.listen(channel, onNotify),
  }
}

/** LISTEN on a connection of its own, opened again (after 1 s, then up to 30 s) whenever it is lost. */
async function listenPg(url: string, channel: string, onNotify: () => void): Promise<() => Promise<void>> {
  let client: pg.Client | undefined
  let stopped = false
  let retry: NodeJS.Timeout | undefined
  const connect = async (attempt: number): Promise<void> => {
    if (stopped) return
    const next = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 })
    const lost = () => {
      if (client !== next || stopped) return
      client = undefined
      next.end().catch(() => {})
      // Whatever was notified while the connection was down is picked up by the caller's polling.
      retry = setTimeout(() => void connect(0), 1000)
    }
    next.on('error', lost)
    next.on('end', lost)
    next.on('notification', (message) => { if (message.channel === channel) onNotify() })
    try {
      await next.connect()
      await next.query(`LISTEN ${pg.escapeIdentifier(channel)}`)
      client = next
      if (stopped) await next.end()
    } catch {
      next.removeAllListeners('end')
      await next.end().catch(() => {})
      retry = setTimeout(() => void connect(attempt + 1), Math.min(30_000, 1000 * 2 ** attempt))
    }
  }
  await connect(0)
  return async () => {
    stopped = true
    clearTimeout(retry)
    await client?.end().catch(() => {})
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

/**
 * The Prisma code of a refused write (P2002 a unique violation, P2003 a foreign key that points
 * nowhere), or null for any other error: services turn the constraints they rely on into refusals.
 */
export function prismaErrorCode(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' && /^P\d{4}$/.test(code) ? code : null
}

/**
 * What a unique violation (P2002) names, as the driver adapter reports it: the index on
 * PostgreSQL, its columns on PGlite. Empty for any other error.
 */
export function uniqueViolation(error: unknown): string {
  if (prismaErrorCode(error) !== 'P2002') return ''
  const cause = (error as { meta?: { driverAdapterError?: { cause?: { constraint?: { index?: string; fields?: string[] } } } } }).meta?.driverAdapterError?.cause
  return [cause?.constraint?.index, ...(cause?.constraint?.fields ?? [])].filter(Boolean).join(' ')
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
