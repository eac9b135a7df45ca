// The relevance set (tests/relevance/queries.json): everyday queries of citizens and companies,
// each with the official items that should come first. Shared by the test and by tuning runs.
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type { SearchQuery, SearchResult } from '../../shared/search'

export interface RelevanceCase { query: string; expect: string[]; why: string }

export interface RelevanceReport {
  queries: number
  /** share of expected items found among the first k results */
  recallAt5: number
  /** share of queries whose first result is an expected item */
  top1: number
  misses: { query: string; why: string; got: string[] }[]
  /** queries whose first result is not an expected item */
  wrongFirst: { query: string; why: string; first: string }[]
}

export async function loadRelevanceSet(): Promise<RelevanceCase[]> {
  const file = path.join(path.dirname(new URL(import.meta.url).pathname), 'queries.json')
  return JSON.parse(await readFile(file, 'utf8')) as RelevanceCase[]
}

export async function evaluate(cases: RelevanceCase[], search: (q: Partial<SearchQuery>) => Promise<SearchResult>): Promise<RelevanceReport> {
  let expected = 0
  let found = 0
  let top1 = 0
  const misses: RelevanceReport['misses'] = []
  const wrongFirst: RelevanceReport['wrongFirst'] = []
  for (const c of cases) {
    const result = await search({ q: c.query })
    const codes = result.hits.slice(0, 5).map((h) => h.code)
    const hits = c.expect.filter((code) => codes.includes(code)).length
    expected += c.expect.length
    found += hits
    if (codes[0] && c.expect.includes(codes[0])) top1 += 1
    else wrongFirst.push({ query: c.query, why: c.why, first: result.hits[0]?.name.map((p) => p.text).join('') ?? '' })
    if (hits < c.expect.length) misses.push({ query: c.query, why: c.why, got: result.hits.slice(0, 5).map((h) => h.name.map((p) => p.text).join('')) })
  }
  return { queries: cases.length, recallAt5: found / expected, top1: top1 / cases.length, misses, wrongFirst }
}
