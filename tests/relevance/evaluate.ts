// The relevance set: everyday queries of citizens and companies, each with the official items a
// right answer contains. Two parts: `check` (written before the search work it measures, scored
// only at the end, never tuned on) and `tuning` (looked at while building). Shared by the test
// and by tuning runs.
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type { SearchQuery, SearchResult } from '../../shared/search'

export const RELEVANCE_PARTS = ['tuning', 'check'] as const
export type RelevancePart = (typeof RELEVANCE_PARTS)[number]

export type QueryKind = 'colloquial' | 'sentence' | 'materials' | 'typo' | 'pinyin' | 'english'

/** `expect`: the acceptable items, by exact name in data/guangan-items.json. */
export interface RelevanceCase { query: string; kind: QueryKind; expect: string[] }

export interface RelevanceReport {
  queries: number
  /** share of queries with an acceptable item among the first five results */
  recallAt5: number
  /** share of queries whose first result is an acceptable item */
  firstHit: number
  byKind: Record<string, { queries: number; recallAt5: number }>
  misses: { query: string; kind: QueryKind; expect: string[]; got: string[] }[]
  /** queries found within five whose first result is not acceptable */
  wrongFirst: { query: string; expect: string[]; first: string }[]
}

const here = path.dirname(new URL(import.meta.url).pathname)

export async function loadRelevanceSet(part: RelevancePart): Promise<RelevanceCase[]> {
  const file = JSON.parse(await readFile(path.join(here, `${part}.json`), 'utf8')) as { queries: RelevanceCase[] }
  return file.queries
}

/** Item names in the set that the data does not hold: a renamed item must not pass silently as a miss. */
export function unknownNames(cases: RelevanceCase[], names: Set<string>): string[] {
  return [...new Set(cases.flatMap((c) => c.expect))].filter((n) => !names.has(n))
}

const plain = (parts: { text: string }[]) => parts.map((p) => p.text).join('')

export async function evaluate(cases: RelevanceCase[], search: (q: Partial<SearchQuery>) => Promise<SearchResult>): Promise<RelevanceReport> {
  let found = 0
  let first = 0
  const byKind: RelevanceReport['byKind'] = {}
  const misses: RelevanceReport['misses'] = []
  const wrongFirst: RelevanceReport['wrongFirst'] = []
  for (const c of cases) {
    const result = await search({ q: c.query })
    const names = result.hits.slice(0, 5).map((h) => plain(h.name))
    const hit = names.some((n) => c.expect.includes(n))
    const kind = (byKind[c.kind] ??= { queries: 0, recallAt5: 0 })
    kind.queries += 1
    if (hit) { found += 1; kind.recallAt5 += 1 } else misses.push({ query: c.query, kind: c.kind, expect: c.expect, got: names })
    if (names[0] && c.expect.includes(names[0])) first += 1
    else if (hit) wrongFirst.push({ query: c.query, expect: c.expect, first: names[0] ?? '' })
  }
  for (const k of Object.values(byKind)) k.recallAt5 /= k.queries
  return { queries: cases.length, recallAt5: found / cases.length, firstHit: first / cases.length, byKind, misses, wrongFirst }
}

export function formatReport(part: RelevancePart, report: RelevanceReport): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`
  const kinds = Object.entries(report.byKind).map(([k, v]) => `${k} ${pct(v.recallAt5)} of ${v.queries}`).join(', ')
  return [
    `relevance (${part}): ${report.queries} queries, recall@5 ${pct(report.recallAt5)}, first hit ${pct(report.firstHit)} [${kinds}]`,
    ...report.misses.map((m) => `  missed: ${m.query} (${m.kind}; want ${m.expect[0]}${m.expect.length > 1 ? ` or ${m.expect.length - 1} more` : ''}) -> ${m.got.join(' | ') || 'nothing'}`),
  ].join('\n')
}
