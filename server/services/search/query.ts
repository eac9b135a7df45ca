// Public search over the three lists. Facet counts are disjunctive: each facet is counted
// without its own filter, so choosing one department still shows how many the others have.
import type { Meilisearch, MultiSearchQuery, SearchResponse } from 'meilisearch'
import type { Db } from '../../utils/prisma'
import { itemTypeByKey } from '../../../shared/item-types'
import { STOP_WORDS_SETTING } from './settings'
import { analyzeQuery, BUILT_IN_FILLERS, type QueryContext } from './analysis'
import { addWords, cut } from './segmenter'
import { PAGE_SIZE, type FacetValue, type SearchDocument, type SearchHit, type SearchQuery, type SearchResult, type TextPart } from '../../../shared/search'

export class SearchUnavailableError extends Error {
  constructor(cause: unknown) {
    super('search is unavailable', { cause })
    this.name = 'SearchUnavailableError'
  }
}

type MatchingStrategy = 'all' | 'last' | 'frequency'
const MATCHING_STRATEGY: MatchingStrategy = (process.env.SEARCH_STRATEGY as MatchingStrategy | undefined) ?? 'frequency'

const PRE = '\uE000'
const POST = '\uE001'

const FACETS = { list: 'list', type: 'type', dept: 'departmentId', status: 'status', year: 'year' } as const
type FacetKey = keyof typeof FACETS

const LIST_LABELS: Record<string, string> = { power: '权力清单', responsibility: '责任清单', fund: '财政专项资金' }
const STATUS_LABELS: Record<string, string> = { IN_FORCE: '实施中', DELEGATED: '已下放', CANCELLED: '已取消' }
const OTHER_TYPE_LABELS: Record<string, string> = { DEPARTMENT_DUTY: '部门职责', POWER_DUTY: '责任事项', SUPERVISION: '事中事后监管', FACTOR: '因素法', PROJECT: '项目法' }

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

/** Department names and the dictionary change rarely; a minute's staleness is fine for search. */
let cached: { at: number; context: SearchContext } | undefined
/** The text of what the index holds, to tell words it knows; names change through reviews, rarely. */
let vocabulary: { at: number; text: string } | undefined
const VOCABULARY_TTL_MS = 10 * 60_000

async function indexedText(db: Db, dictionaryWords: string[]): Promise<string> {
  if (!vocabulary || Date.now() - vocabulary.at > VOCABULARY_TTL_MS) {
    const [items, duties, funds] = await Promise.all([
      db.powerItem.findMany({ select: { name: true, aliases: true, groupName: true } }),
      db.duty.findMany({ where: { kind: { not: 'POWER_DUTY' } }, select: { title: true } }),
      db.specialFund.findMany({ select: { name: true } }),
    ])
    const parts = [...items.flatMap((i) => [i.name, ...i.aliases, i.groupName ?? '']), ...duties.map((d) => d.title), ...funds.map((f) => f.name)]
    vocabulary = { at: Date.now(), text: parts.join('\n') }
  }
  return `${vocabulary.text}\n${dictionaryWords.join('\n')}`
}

export interface SearchContext {
  departments: Map<number, string>
  query: QueryContext
}

/**
 * What search needs from the database besides the index: department names for the facets, and
 * the dictionary, the stop words and the everyday names of items, which the segmenter learns as
 * words and the query analysis uses as fillers and English phrases.
 */
export async function searchContext(db: Db): Promise<SearchContext> {
  if (!cached || Date.now() - cached.at > 60_000) {
    const [rows, stop, synonyms, aliases] = await Promise.all([
      db.department.findMany({ select: { id: true, name: true } }),
      db.setting.findUnique({ where: { key: STOP_WORDS_SETTING } }),
      db.synonym.findMany({ select: { term: true, targets: true } }),
      db.$queryRaw<{ alias: string }[]>`SELECT DISTINCT unnest(aliases) AS alias FROM "PowerItem"`,
    ])
    const stopWords = (Array.isArray(stop?.value) ? stop.value : []).filter((w): w is string => typeof w === 'string' && w.length > 0)
    const fillers = new Set([...BUILT_IN_FILLERS, ...stopWords])
    const dictionaryWords = synonyms.flatMap((s) => [s.term, ...s.targets])
    addWords([...fillers, ...dictionaryWords, ...aliases.map((a) => a.alias)])
    const englishTerms = new Set(dictionaryWords.filter((w) => /^[a-z][a-z ]*$/i.test(w)).map((w) => w.toLowerCase()))
    const text = await indexedText(db, dictionaryWords)
    const isKnown = (word: string) => text.includes(word)
    cached = { at: Date.now(), context: { departments: new Map(rows.map((d) => [d.id, d.name])), query: { cut, fillers, englishTerms, isKnown } } }
  }
  return cached.context
}

/** The text the index is asked for: the query's meaning terms. */
export function engineQuery(q: string, context: QueryContext): string {
  return analyzeQuery(q, context).terms.join(' ')
}

function facetLabel(key: FacetKey, value: string, departments: Map<number, string>): string {
  switch (key) {
    case 'list': return LIST_LABELS[value] ?? value
    case 'status': return STATUS_LABELS[value] ?? value
    case 'type': return itemTypeByKey(value)?.zh ?? OTHER_TYPE_LABELS[value] ?? value
    case 'dept': return departments.get(Number(value)) ?? value
    case 'year': return `${value}年`
  }
}

/**
 * The multi-search Meilisearch is sent for a query: the page of hits, then one facet count per
 * active filter. Exported so the benchmark can send Meilisearch exactly what the portal does.
 */
export function searchRequests(indexUid: string, query: SearchQuery, q: string, matchingStrategy: MatchingStrategy = MATCHING_STRATEGY): { queries: MultiSearchQuery[]; active: FacetKey[] } {
  const base = { indexUid, q, matchingStrategy }
  const main: MultiSearchQuery = {
    ...base,
    filter: filterFor(query),
    facets: Object.values(FACETS),
    hitsPerPage: PAGE_SIZE,
    page: query.page,
    sort: SORTS[query.sort],
    attributesToRetrieve: ['id', 'entityId', 'list', 'code', 'name', 'aliases', 'summary', 'type', 'typeName', 'departmentId', 'departmentName', 'status', 'year'],
    attributesToHighlight: ['name', 'summary'],
    attributesToCrop: ['summary'],
    cropLength: 40,
    highlightPreTag: PRE,
    highlightPostTag: POST,
  }
  // One extra query per active facet, counted without its own filter.
  const active = (Object.keys(FACETS) as FacetKey[]).filter((k) => (query[k] as unknown[]).length)
  const facetQueries: MultiSearchQuery[] = active.map((key) => ({ ...base, filter: filterFor(query, key), facets: [FACETS[key]], limit: 0 }))
  return { queries: [main, ...facetQueries], active }
}

export async function searchItems(meili: Meilisearch, db: Db, indexUid: string, query: SearchQuery): Promise<SearchResult> {
  const { departments, query: queryContext } = await searchContext(db)
  const { queries, active } = searchRequests(indexUid, query, engineQuery(query.q, queryContext))

  let responses: SearchResponse<SearchDocument>[]
  try {
    const answer = await meili.multiSearch({ queries })
    responses = answer.results as unknown as SearchResponse<SearchDocument>[]
  } catch (error) {
    throw new SearchUnavailableError(error)
  }
  const [result, ...facetResults] = responses as [SearchResponse<SearchDocument>, ...SearchResponse<SearchDocument>[]]
  const distribution = { ...result.facetDistribution }
  active.forEach((key, i) => { distribution[FACETS[key]] = facetResults[i]?.facetDistribution?.[FACETS[key]] ?? {} })

  const facets = Object.fromEntries((Object.keys(FACETS) as FacetKey[]).map((key) => {
    const values: FacetValue[] = Object.entries(distribution[FACETS[key]] ?? {})
      .map(([value, count]) => ({ value, label: facetLabel(key, value, departments), count }))
      .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, 'zh-CN'))
    return [key, values]
  })) as SearchResult['facets']

  const hits: SearchHit[] = result.hits.map((hit) => ({
    id: hit.id,
    entityId: hit.entityId,
    list: hit.list,
    code: hit.code,
    name: splitHighlight(hit._formatted?.name ?? hit.name),
    aliases: hit.aliases,
    summary: splitHighlight(hit._formatted?.summary ?? hit.summary),
    type: hit.type,
    typeName: hit.typeName,
    departmentId: hit.departmentId,
    departmentName: hit.departmentName,
    status: hit.status,
    year: hit.year,
  }))
  return {
    query,
    hits,
    total: result.totalHits ?? hits.length,
    page: result.page ?? query.page,
    pageCount: result.totalPages ?? 1,
    facets,
    processingTimeMs: result.processingTimeMs,
  }
}
