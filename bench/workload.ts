// A citizen search workload with a long tail: a few needs asked very often (办护照, 低保), then
// thousands asked rarely. The distinct searches are the relevance set's queries (the common
// needs, asked most), then the search dictionary's everyday words and their official terms, then
// the subjects and names of the real items; some carry a filter or ask for the next page, which
// are other answers too. Requests are drawn with a Zipf-like frequency (the r-th most common
// search asked about 1/r as often as the first). Deterministic for a given seed.

import { ACTION, mulberry32 } from './scaled-data'

export interface SearchParams { q: string; type?: string; status?: string; page?: number }

const TYPES = ['LICENSING', 'PENALTY', 'BENEFIT', 'CONFIRMATION', 'PUBLIC_SERVICE', 'INSPECTION']

/** The distinct searches, most asked first. */
export function distinctSearches(input: { relevance: string[]; dictionaryText: string; itemsText: string }, count: number): SearchParams[] {
  const words: string[] = [...input.relevance]
  const dictionary = JSON.parse(input.dictionaryText) as { entries: { term: string; targets: string[] }[] }
  for (const e of dictionary.entries) words.push(e.term, ...e.targets)
  const items = JSON.parse(input.itemsText) as { name: string }[]
  for (const { name } of items) {
    const plain = name.replace(/[（(][^）)]*[）)]/g, '').trim()
    const subject = plain.replace(ACTION, '')
    words.push(subject, plain)
  }
  const unique = [...new Set(words.map((w) => w.trim()).filter((w) => w.length >= 2 && w.length <= 30))]
  const searches: SearchParams[] = []
  for (let i = 0; searches.length < count && i < unique.length; i++) {
    const q = unique[i]!
    searches.push({ q })
    // Beyond the most common needs, some searches are narrowed or paged: distinct answers too.
    if (i >= input.relevance.length && i % 5 === 0) searches.push({ q, type: TYPES[i % TYPES.length] })
    if (i >= input.relevance.length && i % 7 === 0) searches.push({ q, page: 2 })
    if (i >= input.relevance.length && i % 11 === 0) searches.push({ q, status: 'IN_FORCE' })
  }
  if (searches.length < count) throw new Error(`only ${searches.length} distinct searches could be made, ${count} asked`)
  return searches.slice(0, count)
}

/** `draws` ranks (0 = most common) with probability ∝ 1 / (rank + 1)^exponent. */
export function zipfRanks(distinct: number, draws: number, exponent = 1, seed = 20261130): number[] {
  const weights = Array.from({ length: distinct }, (_, r) => 1 / (r + 1) ** exponent)
  const total = weights.reduce((a, b) => a + b, 0)
  const cumulative: number[] = []
  let sum = 0
  for (const w of weights) cumulative.push((sum += w / total))
  const rand = mulberry32(seed)
  return Array.from({ length: draws }, () => {
    const x = rand()
    let lo = 0
    let hi = distinct - 1
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (cumulative[mid]! < x) lo = mid + 1
      else hi = mid
    }
    return lo
  })
}

export function searchQueryString(s: SearchParams): string {
  const params = new URLSearchParams({ q: s.q })
  if (s.type) params.append('type', s.type)
  if (s.status) params.append('status', s.status)
  if (s.page) params.append('page', String(s.page))
  return params.toString()
}
