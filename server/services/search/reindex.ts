// Rebuilds the search index from PostgreSQL: into a fresh index, then swapped in, so the
// portal searches the old index until the new one is complete.
import type { Meilisearch } from 'meilisearch'
import type { Db } from '../../utils/prisma'
import { documentBuilders } from './documents'
import { applySearchSettings } from './settings'
import { markSearchIndexChanged } from '../cache-generation'
import { waitForTask } from '../../utils/meili'

const BATCH = 2000

async function allIds(db: Db, entityType: keyof typeof documentBuilders): Promise<number[]> {
  const select = { id: true } as const
  switch (entityType) {
    case 'POWER_ITEM': return (await db.powerItem.findMany({ select })).map((r) => r.id)
    case 'DUTY': return (await db.duty.findMany({ select })).map((r) => r.id)
    case 'SPECIAL_FUND': return (await db.specialFund.findMany({ select })).map((r) => r.id)
    case 'DUTY_BOUNDARY': return []
  }
}

export async function reindex(db: Db, meili: Meilisearch, indexUid: string): Promise<{ documents: number }> {
  const staging = `${indexUid}_rebuild`
  await waitForTask(meili, meili.deleteIndex(staging), { timeout: 30_000 })
  await applySearchSettings(db, meili, indexUid)
  await applySearchSettings(db, meili, staging)
  let documents = 0
  for (const entityType of Object.keys(documentBuilders) as (keyof typeof documentBuilders)[]) {
    const ids = await allIds(db, entityType)
    for (let i = 0; i < ids.length; i += BATCH) {
      const docs = await documentBuilders[entityType](db, ids.slice(i, i + BATCH))
      if (!docs.length) continue
      const task = await waitForTask(meili, meili.index(staging).addDocuments(docs, { primaryKey: 'id' }), { timeout: 120_000 })
      if (task.status !== 'succeeded') throw new Error(`reindex failed: ${task.error?.message ?? task.status}`)
      documents += docs.length
    }
  }
  const swap = await waitForTask(meili, meili.swapIndexes([{ indexes: [indexUid, staging], rename: false }]), { timeout: 30_000 })
  if (swap.status !== 'succeeded') throw new Error(`reindex swap failed: ${swap.error?.message ?? swap.status}`)
  await waitForTask(meili, meili.deleteIndex(staging), { timeout: 30_000 })
  await markSearchIndexChanged(db)
  return { documents }
}

/** A field the search asks for that documents indexed by an earlier version lack. */
const NEWEST_FIELD = 'chars'

/**
 * The index holds documents written by an earlier version, without a field this one searches:
 * it must be rebuilt (`npm start` does so; a production upgrade runs `npm run search:reindex`).
 */
export async function indexOutdated(meili: Meilisearch, indexUid: string): Promise<boolean> {
  const page = await meili.index(indexUid).getDocuments({ limit: 1 })
  const doc = page.results[0]
  return doc !== undefined && !(NEWEST_FIELD in doc)
}
