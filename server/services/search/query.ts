// Public search over the three lists. Facet counts are disjunctive: each facet is counted
// without its own filter, so choosing one department still shows how many the others have.
import type { Meilisearch, MultiSearchQuery, SearchResponse } from 'meilisearch'
import type { Db } from '../../utils/prisma'
import { itemTypeByKey } from '../../../shared/item-types'
import { STOP_WORDS_SETTING } from './settings'
import { PAGE_SIZE, type FacetValue, type SearchDocument, type SearchHit, type SearchQuery, type SearchResult, type TextPart } from '../../../shared/search'

export class SearchUnavailableError extends Error {
  constructor(cause: unknown) {
    super('search is unavailable', { cause })
    this.name = 'SearchUnavailableError'
  }
}

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

/** Department names and stop words change rarely; a minute's staleness is fine for search. */
let cached: { at: number; departments: Map<number, string>; stopWords: string[] } | undefined

async function lookups(db: Db) {
  if (!cached || Date.now() - cached.at > 60_000) {
    const [rows, stop] = await Promise.all([
      db.department.findMany({ select: { id: true, name: true } }),
      db.setting.findUnique({ where: { key: STOP_WORDS_SETTING } }),
    ])
    const stopWords = (Array.isArray(stop?.value) ? stop.value : []).filter((w): w is string => typeof w === 'string' && w.length > 0)
    cached = { at: Date.now(), departments: new Map(rows.map((d) => [d.id, d.name])), stopWords: stopWords.sort((a, b) => b.length - a.length) }
  }
  return cached
}

/**
 * Citizens wrap what they need in filler: 我想办护照, 残疾证怎么办, 哪里可以开网吧. Meilisearch
 * never drops the last word of a query as a stop word, so fillers at either end are removed
 * here, using the reform office's stop-word list, as long as something meaningful remains.
 */
export function stripFillers(q: string, stopWords: string[]): string {
  let text = q.trim()
  for (let changed = true; changed;) {
    changed = false
    for (const word of stopWords) {
      if (text.length > word.length && text.endsWith(word)) { text = text.slice(0, -word.length).trim(); changed = true }
      if (text.length > word.length && text.startsWith(word)) { text = text.slice(word.length).trim(); changed = true }
    }
  }
  // Nothing but filler: search for what was typed rather than for a fragment of it.
  return stopWords.includes(text) ? q.trim() : text
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
export function searchRequests(indexUid: string, query: SearchQuery, stopWords: string[]): { queries: MultiSearchQuery[]; active: FacetKey[] } {
  const base = {
    indexUid,
    q: stripFillers(query.q, stopWords),
    // 'frequency' and 'last' scored the same on the relevance set once fillers are stripped;
    // 'frequency' still finds something when a citizen adds a word no item name has.
    matchingStrategy: 'frequency' as const,
  }
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
  return { queries: [main, ...facetQueries], active }
}

/** The stop words search strips, as the portal reads them (cached for a minute). */
export async function searchStopWords(db: Db): Promise<string[]> {
  return (await lookups(db)).stopWords
}

export async function searchItems(meili: Meilisearch, db: Db, indexUid: string, query: SearchQuery): Promise<SearchResult> {
  const { departments, stopWords } = await lookups(db)
  const { queries, active } = searchRequests(indexUid, query, stopWords)

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
    service: hit.service ?? null,
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
