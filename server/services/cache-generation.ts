// What tells every portal process that public answers it keeps are out of date: a commit that
// changes public content (counted by the triggers of migration public_answer_cache) or the
// search index having taken in changes (counted here, by the outbox worker that applied them).
// Both notify CACHE_CHANNEL at commit; the numbers are for a process that missed a notification.
import type { Db } from '../utils/prisma'

export const CACHE_CHANNEL = 'cache_generation'

/**
 * The current generations as one string: it differs from the last one read whenever public
 * content or the search index changed in between. Read before the content it stands for.
 */
export async function readCacheGeneration(db: Db): Promise<string> {
  const [row] = await db.$queryRaw<{ public: bigint; search: bigint | null }[]>`
    SELECT (SELECT count(*) FROM "PublicContentChange") AS public,
           (SELECT generation FROM "CacheGeneration" WHERE scope = 'search') AS search`
  return `${row?.public ?? 0}.${row?.search ?? 0}`
}

/** Call once changes have been applied to Meilisearch: search answers kept anywhere are stale. */
export async function markSearchIndexChanged(db: Db): Promise<void> {
  await db.$executeRaw`
    WITH bumped AS (
      UPDATE "CacheGeneration" SET generation = generation + 1, "changedAt" = now() WHERE scope = 'search' RETURNING 1)
    SELECT pg_notify(${CACHE_CHANNEL}, 'search') FROM bumped`
}
