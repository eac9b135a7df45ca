// How soon a committed change shows on every portal process: the item page (each process's
// public cache dropped its copy at the commit's notification) and search (the index took the
// change in through the outbox, and kept search answers were dropped). Used by `npm run bench`
// and by bench/freshness.ts, which also says where the time goes.
import type { Db } from '../server/utils/prisma'
import { enqueueSearchSync } from '../server/services/search/outbox'
import { cpuSeconds, type Portal } from '../tests/helpers/portal'

export interface FreshnessSample {
  /** Until both processes serve the new alias on the item page. */
  pageMs: number
  /** Until search on both finds the item by its new alias. */
  searchMs: number
  /** Until a worker marked the change's outbox row applied (PostgreSQL's clock, from the row's creation). */
  appliedMs: number
  /** CPU milliseconds each watched process used from the commit until search found the change */
  cpuMs: number[]
}

const since = (t: number) => performance.now() - t

/**
 * Waits until every portal process, and each of `others` (Meilisearch), is idle (under 10% of a
 * core for a second): a process that has just started spends its first seconds learning the
 * city's words for search (context.ts), and Meilisearch goes on working for a while after the
 * last of a whole index's batches, on the cores everything here shares. Returns how long that took.
 */
export async function settled(portals: Portal[], timeoutMs = 300_000, others: number[] = []): Promise<number> {
  const started = performance.now()
  const pids = [...portals.map((p) => p.process.pid!), ...others]
  for (;;) {
    const before = pids.map(cpuSeconds)
    await new Promise((r) => setTimeout(r, 1000))
    if (pids.every((pid, i) => cpuSeconds(pid) - before[i]! < 0.1) || since(started) > timeoutMs) return since(started)
  }
}

/** `count` changes, one at a time, each an alias given to one of `items` in one committed transaction. */
export async function measureFreshness(db: Db, portals: Portal[], items: { id: number; code: string }[], count = 30, watch: number[] = []): Promise<FreshnessSample[]> {
  const samples: FreshnessSample[] = []
  for (let i = 0; i < count; i++) {
    const item = items[Math.floor((((i * 7919) % 1000) / 1000) * items.length)]!
    const alias = `基准别名${i}x${Date.now() % 100000}`
    const page = `/items/${encodeURIComponent(item.code)}`
    for (const p of portals) { await fetch(p.url + page); await fetch(p.url + page) }
    const cpuBefore = watch.map(cpuSeconds)
    const started = performance.now()
    await db.$transaction(async (tx) => {
      await tx.powerItem.update({ where: { id: item.id }, data: { aliases: [alias] } })
      await enqueueSearchSync(tx, 'POWER_ITEM', [item.id])
    })
    const shown = await Promise.all(portals.map(async (p) => {
      let pageAt = 0
      for (;;) {
        if (!pageAt && (await (await fetch(p.url + page)).text()).includes(alias)) pageAt = since(started)
        if (pageAt) {
          // Other items match parts of the alias (基准, 别名): only this item with this alias counts.
          const res = await (await fetch(`${p.url}/api/search?q=${encodeURIComponent(alias)}`)).json() as { hits: { code: string; aliases: string[] }[] }
          if (res.hits.some((h) => h.code === item.code && h.aliases.includes(alias))) return { pageAt, searchAt: since(started) }
        }
        if (since(started) > 60_000) throw new Error(`change ${i} not visible on ${p.url} after 60 s`)
        await new Promise((r) => setTimeout(r, 10))
      }
    }))
    const cpuMs = watch.map((pid, w) => Math.round((cpuSeconds(pid) - cpuBefore[w]!) * 1000))
    const [row] = await db.$queryRaw<{ ms: number }[]>`
      SELECT extract(epoch FROM ("processedAt" - "createdAt")) * 1000 AS ms FROM "SearchOutbox"
      WHERE "entityType" = 'POWER_ITEM' AND "entityId" = ${item.id} ORDER BY id DESC LIMIT 1`
    samples.push({ pageMs: Math.max(...shown.map((x) => x.pageAt)), searchMs: Math.max(...shown.map((x) => x.searchAt)), appliedMs: Number(row?.ms ?? NaN), cpuMs })
  }
  return samples
}
