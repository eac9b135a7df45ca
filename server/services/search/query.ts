// Public search over the three lists. Facet counts are disjunctive: each facet is counted
// without its own filter, so choosing one department still shows how many the others have.
import { setImmediate as afterIo } from 'node:timers/promises'
import type { Meilisearch, MultiSearchQuery, SearchResponse } from 'meilisearch'
import type { Db } from '../../utils/prisma'
import { itemTypeByKey } from '../../../shared/item-types'
import { DUTY_TYPE_NAMES, label, LIST_NAMES, METHOD_NAMES, STATUS_NAMES } from '../labels'
import { DomainError } from '../errors'
import { analyzeQuery, type QueryAnalysis, type QueryContext } from './analysis'
import { correctSpelling } from './correction'
import { searchContext } from './context'
import { searchHelp } from './help'
import { lifeEventsNamedBy } from '../life-events/public'
import { matchReferrals } from './referrals'
import { recordSearch } from './stats'
import { WORD_ATTRIBUTES } from './settings'
import type { ReferralView } from '../../../shared/search-curation'
import type { LifeEventSummary } from '../../../shared/life-events'
import { PAGE_SIZE, type FacetValue, type SearchDocument, type SearchHit, type SearchQuery, type SearchResult, type TextPart } from '../../../shared/search'

/** Meilisearch did not answer in time: search is unavailable, the list pages (PostgreSQL) are not. */
export class SearchUnavailableError extends DomainError {
  constructor(readonly meilisearchError: unknown) {
    super(503, 'SEARCH_UNAVAILABLE', '搜索服务暂时不可用，请稍后再试；清单浏览不受影响')
  }
}

type MatchingStrategy = 'all' | 'last' | 'frequency'
/**
 * When no record holds every term, Meilisearch drops the most frequent terms first: once fillers
 * and lone characters are gone, those are the generic ones (登记, 申请). Measured against 'last'
 * and 'all' on the relevance set's tuning part: docs/SEARCH.md.
 */
const MATCHING_STRATEGY: MatchingStrategy = 'frequency'

const PRE = '\uE000'
const POST = '\uE001'

const FACETS = { list: 'list', type: 'type', dept: 'departmentId', status: 'status', year: 'year' } as const
type FacetKey = keyof typeof FACETS


/** Values come from the validated query (enums and integers), so they are safe to quote. */
function filterFor(query: SearchQuery, except?: FacetKey): string[] {
  // The duty behind each power item is shown on the item's page; in search it only crowds out
  // the items themselves, unless the responsibility list or that kind is asked for.
  const clauses: string[] = query.list.length || query.type.length ? [] : ['type != "POWER_DUTY"']
  for (const key of Object.keys(FACETS) as FacetKey[]) {
    if (key === except) continue
    const values = query[key] as (string | number)[]
    if (values.length) clauses.push(`${FACETS[key]} IN [${values.map((v) => JSON.stringify(v)).join(', ')}]`)
  }
  return clauses
}

export function splitHighlight(text: string | undefined): TextPart[] {
  if (!text) return []
  const parts: TextPart[] = []
  for (const [i, chunk] of text.split(PRE).entries()) {
    if (i === 0) { if (chunk) parts.push({ text: chunk, match: false }); continue }
    const [match, rest] = chunk.split(POST) as [string, string | undefined]
    if (match) parts.push({ text: match, match: true })
    if (rest) parts.push({ text: rest, match: false })
  }
  return parts
}

const SORTS: Record<SearchQuery['sort'], string[] | undefined> = {
  relevance: undefined,
  name: ['name:asc'],
  updated: ['updatedAt:desc'],
}

/**
 * A query of one Chinese character is matched against the names' characters (`chars`), since the
 * index does no prefix search; every other query against the words, never the lone characters.
 */
export function attributesToSearchOn(q: string): string[] {
  return ONE_CHARACTER.test(q) ? ['chars'] : WORD_ATTRIBUTES
}
const ONE_CHARACTER = /^\p{Script=Han}$/u

/** A name with every occurrence of the one character searched for marked as the match. */
function markCharacter(name: string, char: string): TextPart[] {
  return name.split(char).flatMap((text, i) => [...(i ? [{ text: char, match: true }] : []), ...(text ? [{ text, match: false }] : [])])
}

/** The text the index is asked for: the query's meaning terms. */
export function engineQuery(q: string, context: QueryContext): string {
  return analyzeQuery(q, context).terms.join(' ')
}

/** Facet values of equal count in the order of their Chinese names: one collator for all (`localeCompare` with a locale builds one per call). */
const ZH_ORDER = new Intl.Collator('zh-CN')

function facetLabel(key: FacetKey, value: string, departments: Map<number, string>): string {
  switch (key) {
    case 'list': return label(LIST_NAMES, value)
    case 'status': return label(STATUS_NAMES, value)
    case 'type': return itemTypeByKey(value)?.zh ?? label({ ...DUTY_TYPE_NAMES, ...METHOD_NAMES }, value)
    case 'dept': return departments.get(Number(value)) ?? value
    case 'year': return `${value}年`
  }
}

/**
 * The multi-search Meilisearch is sent for a query's terms: the page of hits, one facet count per
 * active filter, and the count of records that hold every term. Exported so the benchmark can send Meilisearch exactly what the portal does.
 */
export function searchRequests(indexUid: string, query: SearchQuery, q: string, matchingStrategy: MatchingStrategy = MATCHING_STRATEGY): { queries: MultiSearchQuery[]; active: FacetKey[] } {
  const base = { indexUid, q, matchingStrategy, attributesToSearchOn: attributesToSearchOn(q) }
  const main: MultiSearchQuery = {
    ...base,
    filter: filterFor(query),
    facets: Object.values(FACETS),
    hitsPerPage: PAGE_SIZE,
    page: query.page,
    sort: SORTS[query.sort],
    attributesToRetrieve: ['id', 'entityId', 'list', 'code', 'name', 'aliases', 'summary', 'type', 'typeName', 'departmentId', 'departmentName', 'status', 'year', 'service'],
    attributesToHighlight: ['name', 'summary'],
    attributesToCrop: ['summary'],
    cropLength: 40,
    highlightPreTag: PRE,
    highlightPostTag: POST,
  }
  // One extra query per active facet, counted without its own filter.
  const active = (Object.keys(FACETS) as FacetKey[]).filter((k) => (query[k] as unknown[]).length)
  const facetQueries: MultiSearchQuery[] = active.map((key) => ({ ...base, filter: filterFor(query, key), facets: [FACETS[key]], limit: 0 }))
  // Last, how many records hold every word (the index splits a term it does not know into
  // several): with none, the hits match only part of the query.
  const complete: MultiSearchQuery = { ...base, matchingStrategy: 'all', filter: filterFor(query), limit: 0 }
  return { queries: [main, ...facetQueries, complete], active }
}

function emptyAnswer(answer: EngineAnswer): EngineAnswer {
  return { result: { ...answer.result, hits: [], totalHits: 0, totalPages: 0, facetDistribution: {} }, distribution: {}, complete: false }
}

interface EngineAnswer {
  result: SearchResponse<SearchDocument>
  distribution: Record<string, Record<string, number>>
  /** some record matches every term of the query (not only some of them) */
  complete: boolean
}

async function ask(meili: Meilisearch, indexUid: string, query: SearchQuery, analysis: QueryAnalysis): Promise<EngineAnswer> {
  const { queries, active } = searchRequests(indexUid, query, analysis.terms.join(' '))
  let responses: SearchResponse<SearchDocument>[]
  try {
    const answer = await meili.multiSearch({ queries })
    responses = answer.results as unknown as SearchResponse<SearchDocument>[]
  } catch (error) {
    throw new SearchUnavailableError(error)
  }
  const [result, ...rest] = responses as [SearchResponse<SearchDocument>, ...SearchResponse<SearchDocument>[]]
  const distribution = { ...result.facetDistribution }
  // An active facet is counted without its own filter, the values with the most records; the main
  // query, filtered by the chosen values, counts those too (the same numbers), so a chosen value
  // outside the largest is offered as well.
  active.forEach((key, i) => { distribution[FACETS[key]] = { ...result.facetDistribution?.[FACETS[key]], ...rest[i]?.facetDistribution?.[FACETS[key]] } })
  const total = result.totalHits ?? result.hits.length
  const complete = total > 0 && (rest[active.length]?.estimatedTotalHits ?? 0) > 0
  return { result, distribution, complete }
}

export async function searchItems(meili: Meilisearch, db: Db, indexUid: string, query: SearchQuery): Promise<SearchResult> {
  const context = await searchContext(db)
  let analysis = analyzeQuery(query.q, context.query)
  const asked = ask(meili, indexUid, query, analysis)
  // What the answer needs besides Meilisearch's is looked up while Meilisearch searches, once the
  // request has gone out (it is written on the next tick).
  const first = analysis
  const beside = query.q
    ? afterIo().then(() => Promise.all([matchReferrals(db, query.q), lifeEventsNamedBy(db, first)]))
    : Promise.resolve([[], []] as [ReferralView[], LifeEventSummary[]])
  beside.catch(() => {}) // a failure is met below, unless Meilisearch's failed first
  let answer = await asked
  let correctedQuery: string | null = null
  // No record matches all that was typed, or part of it is no known word: try the words that
  // sound the same (护找 → 护照) or the Chinese of typed pinyin, and show those results instead
  // when they match all their words.
  if (query.q && (!answer.complete || analysis.unknown.length)) {
    const corrected = correctSpelling(analysis.normalized, context.spelling(), (word) => context.query.englishTerms.has(word))
    const retried = corrected ? analyzeQuery(corrected, context.query) : null
    // A correction must leave fewer unknown words, or none when nothing matched whole before.
    const better = retried && (retried.unknown.length < analysis.unknown.length || (!retried.unknown.length && !answer.complete))
    if (corrected && retried && better) {
      const second = await ask(meili, indexUid, query, retried)
      if (second.complete) {
        analysis = retried
        answer = second
        correctedQuery = corrected
      }
    }
  }
  // Nothing typed is a word the index knows and no record holds all of it: whatever matched,
  // matched on single characters (公积金 on 金), which is no answer at all.
  const fragmentsOnly = !answer.complete && analysis.terms.every((t) => analysis.unknown.includes(t))
  const { result, distribution } = fragmentsOnly ? emptyAnswer(answer) : answer

  const facets = Object.fromEntries((Object.keys(FACETS) as FacetKey[]).map((key) => {
    const values: FacetValue[] = Object.entries(distribution[FACETS[key]] ?? {})
      .map(([value, count]) => ({ value, label: facetLabel(key, value, context.departments), count }))
      .sort((a, b) => b.count - a.count || ZH_ORDER.compare(a.label, b.label))
    return [key, values]
  })) as SearchResult['facets']

  const oneCharacter = analysis.terms.length === 1 && ONE_CHARACTER.test(analysis.terms[0]!) ? analysis.terms[0]! : null
  const hits: SearchHit[] = result.hits.map((hit) => ({
    id: hit.id,
    entityId: hit.entityId,
    list: hit.list,
    code: hit.code,
    name: oneCharacter ? markCharacter(hit.name, oneCharacter) : splitHighlight(hit._formatted?.name ?? hit.name),
    aliases: hit.aliases,
    summary: splitHighlight(hit._formatted?.summary ?? hit.summary),
    type: hit.type,
    typeName: hit.typeName,
    departmentId: hit.departmentId,
    departmentName: hit.departmentName,
    status: hit.status,
    year: hit.year,
    service: hit.service ?? null,
  }))
  const total = result.totalHits ?? hits.length
  const partial = total > 0 && (!answer.complete || analysis.unknown.length > 0)
  const [referrals, namedEvents] = await beside
  const help = query.q
    ? searchHelp(referrals, {
      analysis, phrases: context.phrases, total, partial, correctedQuery,
      departments: facets.dept.map((d) => ({ id: Number(d.value), name: d.label, count: d.count })),
    })
    : null
  return {
    query,
    hits,
    total,
    page: result.page ?? query.page,
    pageCount: result.totalPages ?? 1,
    facets,
    processingTimeMs: result.processingTimeMs,
    understood: { terms: analysis.terms, dropped: analysis.dropped },
    correctedQuery,
    partial,
    lifeEvents: analysis === first ? namedEvents : await lifeEventsNamedBy(db, analysis),
    help,
  }
}

/**
 * The portal's search: the answer, and the query counted for the reform office's view once the
 * answer is on its way (counting normalises the query again: 0.12 ms of a search's 16 at p50).
 * A timer, not setImmediate: h3 sends the answer from a setImmediate of its own, queued after
 * this one, so an immediate counted before the answer went out.
 */
export async function publicSearch(meili: Meilisearch, db: Db, indexUid: string, query: SearchQuery): Promise<SearchResult> {
  const result = await searchItems(meili, db, indexUid, query)
  setTimeout(countSearch, 0, query, result.total)
  return result
}

/** How many records a followed search covers: its first hits, as a reader would look through them. */
export const FOLLOWED_HITS = 200

/**
 * The records a search finds, in the order it ranks them, for a feed or a subscription that
 * follows it: the same analysis and filters as the search page, only ids, never counted as a search.
 */
export async function searchRecordIds(meili: Meilisearch, db: Db, indexUid: string, query: SearchQuery): Promise<{ list: SearchDocument['list']; entityId: number }[]> {
  const context = await searchContext(db)
  const q = analyzeQuery(query.q, context.query).terms.join(' ')
  try {
    const result = await meili.index<SearchDocument>(indexUid).search(q, { filter: filterFor(query), limit: FOLLOWED_HITS, attributesToRetrieve: ['list', 'entityId'], matchingStrategy: MATCHING_STRATEGY, attributesToSearchOn: attributesToSearchOn(q) })
    return result.hits.map((h) => ({ list: h.list, entityId: h.entityId }))
  } catch (error) {
    throw new SearchUnavailableError(error)
  }
}

/** Counts a search that found `total` records for the reform office's view (first pages only). */
export function countSearch(query: SearchQuery, total: number): void {
  if (query.q && query.page === 1) recordSearch(query.q, total)
}
