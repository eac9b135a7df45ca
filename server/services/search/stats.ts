// What citizens search for, for the reform office: per day and normalised query, how often it was
// searched, how often it found nothing and how often a result was then opened. Nothing that names
// or follows a person is kept: no address, no session, no time finer than the day, and numbers
// that look like identity cards, phones or e-mail addresses are masked before anything is stored.
// Counted in memory and written in batches, so a search never waits for a write; a crash loses at
// most one interval of counts.
import { Prisma } from '../../generated/prisma/client'
import type { Db } from '../../utils/prisma'
import type { AnalyticsQuery, QueryStatRow, SearchAnalytics } from '../../../shared/search-curation'
import { cityToday } from '../../../shared/city-time'
import { normalizeQuery } from './analysis'

const MAX_QUERY = 50
const MASK = '…'

/** The query as it is counted: normalised, personal numbers masked, at most MAX_QUERY characters; null when nothing is left. */
export function statsQuery(q: string): string | null {
  const text = q.split(/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/).map(normalizeQuery).join(` ${MASK} `)
    .replace(/\s+/g, ' ')
    .replace(/[0-9a-z]*\d[0-9a-z]*/g, (run) => (run.replace(/\D/g, '').length >= 5 ? MASK : run))
    .slice(0, MAX_QUERY)
    .trim()
  return text && text !== MASK ? text : null
}

interface Pending { searches: number; zeroResults: number }
const pendingSearches = new Map<string, Pending>()
/** Opened results wait for the row of their search, which another process may not have written yet: two flushes at most. */
const pendingOpened = new Map<string, { opened: number; flushes: number }>()

const key = (day: string, query: string) => `${day}\t${query}`
const split = (k: string) => k.split('\t') as [string, string]

/** Call once per first-page search with a query. */
export function recordSearch(q: string, total: number, now = new Date()): void {
  const query = statsQuery(q)
  if (!query) return
  const k = key(cityToday(now), query)
  const entry = pendingSearches.get(k) ?? { searches: 0, zeroResults: 0 }
  entry.searches += 1
  if (total === 0) entry.zeroResults += 1
  pendingSearches.set(k, entry)
}

/** A result of the search for `q` was opened. Never counts more opened than searched. */
export function recordOpened(q: string, now = new Date()): void {
  const query = statsQuery(q)
  if (!query) return
  const k = key(cityToday(now), query)
  const entry = pendingOpened.get(k) ?? { opened: 0, flushes: 0 }
  entry.opened += 1
  pendingOpened.set(k, entry)
}

/**
 * Writes what was counted since the last flush: one statement for the searches and one for the
 * opened results, however many distinct queries there were (the rows travel as one JSON document,
 * as in server/utils/bulk-insert.ts). A statement per query kept PostgreSQL busy for seconds after
 * a busy interval, on the cores that answer the searches.
 */
export async function flushSearchStats(db: Db): Promise<number> {
  const searches = [...pendingSearches]
  pendingSearches.clear()
  const opened = [...pendingOpened]
  pendingOpened.clear()
  if (!searches.length && !opened.length) return 0
  if (searches.length) {
    const rows = searches.map(([k, n]) => { const [day, query] = split(k); return { day, query, searches: n.searches, zeroResults: n.zeroResults } })
    try {
      await db.$executeRaw`
        INSERT INTO "SearchQueryStat" (day, query, searches, "zeroResults")
        SELECT day, query, searches, "zeroResults" FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r(day date, query text, searches integer, "zeroResults" integer)
        ON CONFLICT (day, query) DO UPDATE SET searches = "SearchQueryStat".searches + EXCLUDED.searches, "zeroResults" = "SearchQueryStat"."zeroResults" + EXCLUDED."zeroResults"`
    } catch (error) {
      for (const [k, n] of searches) {
        const entry = pendingSearches.get(k) ?? { searches: 0, zeroResults: 0 }
        pendingSearches.set(k, { searches: entry.searches + n.searches, zeroResults: entry.zeroResults + n.zeroResults })
      }
      for (const [k, n] of opened) pendingOpened.set(k, n)
      throw error
    }
  }
  if (opened.length) {
    const rows = opened.map(([k, n]) => { const [day, query] = split(k); return { day, query, opened: n.opened } })
    const updated = await db.$queryRaw<{ day: string; query: string }[]>`
      UPDATE "SearchQueryStat" s SET opened = LEAST(s.searches, s.opened + r.opened)
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r(day date, query text, opened integer)
      WHERE s.day = r.day AND s.query = r.query
      RETURNING to_char(s.day, 'YYYY-MM-DD') AS day, s.query`
    const found = new Set(updated.map((u) => key(u.day, u.query)))
    for (const [k, n] of opened) {
      if (!found.has(k) && n.flushes < 1) pendingOpened.set(k, { opened: n.opened, flushes: n.flushes + 1 })
    }
  }
  return searches.length + opened.length
}

interface Row { query: string; searches: bigint; zeroResults: bigint; opened: bigint }
const toRow = (r: Row): QueryStatRow => ({ query: r.query, searches: Number(r.searches), zeroResults: Number(r.zeroResults), opened: Number(r.opened) })

/** Over a period: the top queries, those that found nothing, and those whose results nobody opened. */
export async function searchAnalytics(db: Db, period: AnalyticsQuery): Promise<SearchAnalytics> {
  const within = Prisma.sql`day BETWEEN ${period.from}::date AND ${period.to}::date`
  const grouped = (having: Prisma.Sql, order: Prisma.Sql) => db.$queryRaw<Row[]>`
    SELECT query, sum(searches) AS searches, sum("zeroResults") AS "zeroResults", sum(opened) AS opened
    FROM "SearchQueryStat" WHERE ${within} GROUP BY query HAVING ${having} ORDER BY ${order}, query LIMIT ${period.limit}`
  const [totals, top, zeroResults, neverOpened] = await Promise.all([
    db.$queryRaw<{ searches: bigint | null; zeroResults: bigint | null; opened: bigint | null; queries: bigint }[]>`
      SELECT sum(searches) AS searches, sum("zeroResults") AS "zeroResults", sum(opened) AS opened, count(DISTINCT query) AS queries
      FROM "SearchQueryStat" WHERE ${within}`,
    grouped(Prisma.sql`sum(searches) > 0`, Prisma.sql`sum(searches) DESC`),
    grouped(Prisma.sql`sum("zeroResults") > 0`, Prisma.sql`sum("zeroResults") DESC`),
    grouped(Prisma.sql`sum(opened) = 0 AND sum(searches) > sum("zeroResults")`, Prisma.sql`sum(searches) - sum("zeroResults") DESC`),
  ])
  const t = totals[0]
  return {
    from: period.from,
    to: period.to,
    totals: { searches: Number(t?.searches ?? 0), zeroResults: Number(t?.zeroResults ?? 0), opened: Number(t?.opened ?? 0), queries: Number(t?.queries ?? 0) },
    top: top.map(toRow),
    zeroResults: zeroResults.map(toRow),
    neverOpened: neverOpened.map(toRow),
  }
}
