import type { Meilisearch } from 'meilisearch'
import type { Db } from '../../utils/prisma'
import { pendingCount } from './outbox'

export interface SearchHealth {
  status: 'ok' | 'unavailable'
  /** outbox rows not yet applied: how far the index is behind the database */
  pending: number
}

export async function searchHealth(meili: Meilisearch, db: Db): Promise<SearchHealth> {
  const [healthy, pending] = await Promise.all([
    meili.health().then((h) => h.status === 'available').catch(() => false),
    pendingCount(db).catch(() => -1),
  ])
  return { status: healthy ? 'ok' : 'unavailable', pending }
}
