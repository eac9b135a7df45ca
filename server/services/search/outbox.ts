// The search outbox: PostgreSQL is the source of truth and Meilisearch follows it. Every write
// to a searchable record adds an outbox row in the same transaction (enqueueSearchSync); the
// worker applies the rows to Meilisearch and retries with backoff while it is unreachable.
import type { Meilisearch } from 'meilisearch'
import { Prisma } from '../../generated/prisma/client'
import type { Db } from '../../utils/prisma'
import { documentBuilders, documentId, isIndexedEntity } from './documents'
import { applySearchSettings } from './settings'
import { markSearchIndexChanged } from '../cache-generation'
import { insertRows } from '../../utils/bulk-insert'
import { waitForTask } from '../../utils/meili'

type Tx = Prisma.TransactionClient | Db
type IndexedEntity = keyof typeof documentBuilders

/** The channel on which a commit that adds outbox rows wakes the workers of every portal process. */
export const OUTBOX_CHANNEL = 'search_outbox'

/** PostgreSQL delivers the notification when (and only if) the transaction commits. */
async function notifyWorkers(tx: Tx): Promise<void> {
  await tx.$executeRaw`SELECT pg_notify(${OUTBOX_CHANNEL}, '')`
}

/** Call inside the transaction that writes the records. */
export async function enqueueSearchSync(tx: Tx, entityType: IndexedEntity, ids: number[]): Promise<void> {
  if (!ids.length) return
  await insertRows(tx, 'SearchOutbox', { entityType: '"EntityType"', entityId: 'integer', operation: '"OutboxOperation"' },
    ids.map((entityId) => ({ entityType, entityId, operation: 'UPSERT' })))
  await notifyWorkers(tx)
}

/** The outbox's marker for "the index settings changed"; its entityId carries nothing. */
const SETTINGS_ROW = 'SYNONYM'

/**
 * Call inside the transaction that changes the search dictionary (synonyms, stop words): the
 * worker re-applies the index settings, read from the database as they are when it runs.
 */
export async function enqueueSettingsSync(tx: Tx): Promise<void> {
  await tx.searchOutbox.create({ data: { entityType: SETTINGS_ROW, entityId: 0, operation: 'UPSERT' } })
  await notifyWorkers(tx)
}

interface ClaimedRow { id: bigint; entityType: string; entityId: number; attempts: number }

/** How long a claimed row stays invisible to other workers before it counts as abandoned. */
const LEASE_SECONDS = 120
const MAX_BACKOFF_SECONDS = 300

/**
 * Claims due rows by pushing their next attempt into the future, so that several portal
 * processes can run the worker at once without applying the same row twice at the same time.
 */
async function claim(db: Db, batchSize: number): Promise<ClaimedRow[]> {
  return db.$queryRaw<ClaimedRow[]>`
    UPDATE "SearchOutbox" SET "nextAttemptAt" = now() + make_interval(secs => ${LEASE_SECONDS})
    WHERE id IN (${dueRows(batchSize)})
    RETURNING id, "entityType"::text AS "entityType", "entityId", attempts`
}

/**
 * The rows a poll takes: due, not yet applied, oldest first. Read from the index of the rows not
 * yet applied (SearchOutbox_pending_idx), so a poll costs the same after a city's 200,000 rows
 * have been applied as before.
 */
export function dueRows(batchSize: number): Prisma.Sql {
  return Prisma.sql`
    SELECT id FROM "SearchOutbox"
    WHERE "processedAt" IS NULL AND "nextAttemptAt" <= now()
    ORDER BY id LIMIT ${batchSize}
    FOR UPDATE SKIP LOCKED`
}

/**
 * How long to wait for Meilisearch to apply a batch, and how often to ask: a one-document change
 * takes it 150–300 ms at a city's size, and asking every 10 ms (the client's default is 50) makes
 * the change searchable up to 40 ms sooner, for requests that cost Meilisearch next to nothing.
 */
const TASK_WAIT = { timeout: 60_000, interval: 10 }

export interface DrainResult { applied: number; failed: number; error?: string }

/** Applies one batch of due outbox rows. Documents are built from the records as they are now, so order does not matter. */
export async function drainOnce(db: Db, meili: Meilisearch, indexUid: string, batchSize = 1000): Promise<DrainResult> {
  const rows = await claim(db, batchSize)
  if (!rows.length) return { applied: 0, failed: 0 }
  try {
    // Settings first: stop words change how the documents applied after them are tokenised.
    if (rows.some((row) => row.entityType === SETTINGS_ROW)) await applySearchSettings(db, meili, indexUid)
    const index = meili.index(indexUid)
    const byType = new Map<IndexedEntity, Set<number>>()
    for (const row of rows) {
      if (!isIndexedEntity(row.entityType)) continue
      const ids = byType.get(row.entityType) ?? new Set<number>()
      ids.add(row.entityId)
      byType.set(row.entityType, ids)
    }
    for (const [entityType, idSet] of byType) {
      const ids = [...idSet]
      const docs = await documentBuilders[entityType](db, ids)
      const present = new Set(docs.map((d) => d.entityId))
      const gone = ids.filter((id) => !present.has(id)).map((id) => documentId(entityType, id))
      if (docs.length) await expectSuccess(waitForTask(meili, index.addDocuments(docs, { primaryKey: 'id' }), TASK_WAIT))
      if (gone.length) await expectSuccess(waitForTask(meili, index.deleteDocuments(gone), TASK_WAIT))
    }
    await db.searchOutbox.updateMany({ where: { id: { in: rows.map((r) => r.id) } }, data: { processedAt: new Date(), lastError: null } })
    await markSearchIndexChanged(db)
    return { applied: rows.length, failed: 0 }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    // Rows wait longer after each failed attempt; they are never dropped.
    await db.$executeRaw`
      UPDATE "SearchOutbox" SET attempts = attempts + 1, "lastError" = ${message.slice(0, 500)},
        "nextAttemptAt" = now() + make_interval(secs => LEAST(${MAX_BACKOFF_SECONDS}, power(2, attempts)::int))
      WHERE id = ANY(${rows.map((r) => r.id)}::bigint[])`
    return { applied: 0, failed: rows.length, error: message }
  }
}

async function expectSuccess(task: Promise<{ status: string; error?: { message: string } | null }>): Promise<void> {
  const done = await task
  if (done.status !== 'succeeded') throw new Error(`Meilisearch task ${done.status}: ${done.error?.message ?? ''}`)
}

/**
 * After an outage, failed rows would wait out their backoff (up to MAX_BACKOFF_SECONDS) although
 * Meilisearch answers again: the worker makes them due at once when it sees Meilisearch come back.
 */
export function retryPostponed(db: Db): Promise<number> {
  return db.$executeRaw`
    UPDATE "SearchOutbox" SET "nextAttemptAt" = now()
    WHERE "processedAt" IS NULL AND attempts > 0 AND "nextAttemptAt" > now()`
}

/** Rows not yet applied to Meilisearch: 0 means the index has caught up with the database. */
export function pendingCount(db: Db): Promise<number> {
  return db.searchOutbox.count({ where: { processedAt: null } })
}

/** Drains until nothing is due; used by commands and tests that need the index current now. */
export async function drainAll(db: Db, meili: Meilisearch, indexUid: string): Promise<number> {
  let total = 0
  for (;;) {
    const result = await drainOnce(db, meili, indexUid)
    if (result.error) throw new Error(`search index update failed: ${result.error}`)
    if (!result.applied) return total
    total += result.applied
  }
}

export interface OutboxWorker { stop: () => Promise<void>; wake: () => void }

/** Polls the outbox; `wake` runs it at once (on a notification that rows were added). */
export function startOutboxWorker(db: Db, meili: Meilisearch, indexUid: string, options: { intervalMs?: number; onError?: (message: string) => void } = {}): OutboxWorker {
  const intervalMs = options.intervalMs ?? 500
  let stopped = false
  let timer: NodeJS.Timeout | undefined
  let running: Promise<void> = Promise.resolve()
  let meiliDown = false
  let wakeQueued = false
  const tick = () => {
    if (stopped) return
    clearTimeout(timer)
    running = (async () => {
      let again = false
      try {
        let result: DrainResult
        do {
          result = await drainOnce(db, meili, indexUid)
          if (result.error) options.onError?.(result.error)
        } while (result.applied > 0 && !stopped)
        // Only a return from an outage cuts the backoff short: a row Meilisearch refuses while
        // healthy keeps backing off instead of being retried on every tick.
        if (result.error) meiliDown = !(await meili.isHealthy())
        else if (meiliDown && !stopped && await meili.isHealthy()) {
          meiliDown = false
          again = await retryPostponed(db) > 0
        }
      } catch (error) {
        options.onError?.(error instanceof Error ? error.message : String(error))
      }
      if (!stopped) timer = setTimeout(tick, again ? 0 : intervalMs)
    })()
  }
  tick()
  return {
    // Many notifications while a run is going on ask for one more run after it, not one each.
    wake: () => {
      if (wakeQueued || stopped) return
      wakeQueued = true
      void running.then(() => { wakeQueued = false; tick() })
    },
    stop: async () => {
      stopped = true
      clearTimeout(timer)
      await running
    },
  }
}
