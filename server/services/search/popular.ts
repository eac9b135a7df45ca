// "大家都在搜": what people search for and find. Counted in memory and written in batches, so
// a search never waits for a write; a crash loses at most one interval of counts.
import type { Db } from '../../utils/prisma'

const MAX_TERM = 30
const pending = new Map<string, number>()

export function normalizeTerm(q: string): string | null {
  const term = q.trim().toLowerCase().replace(/\s+/g, ' ')
  return term && term.length <= MAX_TERM ? term : null
}

/** Call after a first-page search that found something. */
export function countSearch(q: string): void {
  const term = normalizeTerm(q)
  if (term) pending.set(term, (pending.get(term) ?? 0) + 1)
}

export async function flushSearchCounts(db: Db): Promise<number> {
  if (!pending.size) return 0
  const batch = [...pending]
  pending.clear()
  const now = new Date()
  try {
    await db.$transaction(batch.map(([term, n]) => db.$executeRaw`
      INSERT INTO "SearchTermStat" (term, count, "lastSearchedAt") VALUES (${term}, ${n}, ${now})
      ON CONFLICT (term) DO UPDATE SET count = "SearchTermStat".count + ${n}, "lastSearchedAt" = ${now}`))
  } catch (error) {
    for (const [term, n] of batch) pending.set(term, (pending.get(term) ?? 0) + n)
    throw error
  }
  return batch.length
}

let cache: { at: number; terms: string[] } | undefined

/** The most searched terms of the last 90 days. */
export async function popularSearches(db: Db, limit = 10): Promise<string[]> {
  if (cache && Date.now() - cache.at < 300_000) return cache.terms.slice(0, limit)
  const since = new Date(Date.now() - 90 * 86_400_000)
  const rows = await db.searchTermStat.findMany({ where: { lastSearchedAt: { gte: since } }, orderBy: [{ count: 'desc' }, { term: 'asc' }], take: 20, select: { term: true } })
  cache = { at: Date.now(), terms: rows.map((r) => r.term) }
  return cache.terms.slice(0, limit)
}

export function resetPopularCache(): void {
  cache = undefined
}
