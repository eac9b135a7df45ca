// The search contract shared by the portal and the server: the query the URL carries and the
// answer the API gives.
import { z } from 'zod'
import { oneOrMany, recordId } from './query'
import { ITEM_TYPE_KEYS } from './item-types'
import { ITEM_STATUSES, LIST_KINDS, type ListKind } from './lists'
import type { ReferralView } from './search-curation'
import type { LifeEventSummary } from './life-events'
import type { OnlineLevel } from './guides'

export const SEARCH_SORTS = ['relevance', 'name', 'updated'] as const
export const PAGE_SIZE = 20

/** Query-string parameters of /search and /api/search; unknown values are refused, not ignored. */
export const searchQuerySchema = z.object({
  q: z.string().trim().max(100, '搜索词不能超过100个字符').default(''),
  list: oneOrMany(z.enum(LIST_KINDS)),
  type: oneOrMany(z.enum([...ITEM_TYPE_KEYS, 'DEPARTMENT_DUTY', 'POWER_DUTY', 'SUPERVISION', 'FACTOR', 'PROJECT'])),
  dept: oneOrMany(recordId),
  status: oneOrMany(z.enum(ITEM_STATUSES)),
  year: oneOrMany(z.coerce.number().int().min(1949).max(2100)),
  sort: z.enum(SEARCH_SORTS).default('relevance'),
  page: z.coerce.number().int().min(1).max(500).default(1),
}).strict()

export type SearchQuery = z.output<typeof searchQuerySchema>

export interface SearchDocument {
  id: string
  entityId: number
  list: ListKind
  code: string
  name: string
  aliases: string[]
  groupName: string
  summary: string
  type: string
  typeName: string
  departmentId: number
  departmentName: string
  status: string
  level: string
  year: number | null
  updatedAt: number
  /** 0 a primary item, 1 a variant of one (注销, 补办, 变更 ...), 2 a duty, 3 a fund, 4 the duty behind a power item: breaks ties after words and typos */
  rank: number
  pinyin: string[]
  initials: string[]
  /** every Chinese character of the name and everyday names, once each, space-separated: what a one-character query is matched against */
  chars: string
  /** a power item's guide as citizens search it: material names, result, conditions */
  guideText?: string
  /** a power item's 到现场次数 and 网上办理深度, from its guide */
  service?: SearchHitService | null
}

/** What a hit says about getting the item done: trips to make and how far it is online. */
export interface SearchHitService { visits: number | null; online: OnlineLevel | null }

/** A piece of highlighted text: `match` marks the part the query matched. */
export interface TextPart { text: string; match: boolean }

export interface SearchHit {
  id: string
  entityId: number
  list: ListKind
  code: string
  name: TextPart[]
  aliases: string[]
  summary: TextPart[]
  type: string
  typeName: string
  departmentId: number
  departmentName: string
  status: string
  year: number | null
  service: SearchHitService | null
}

export interface FacetValue { value: string; label: string; count: number }

export interface SearchResult {
  query: SearchQuery
  hits: SearchHit[]
  total: number
  page: number
  pageCount: number
  facets: { list: FacetValue[]; type: FacetValue[]; dept: FacetValue[]; status: FacetValue[]; year: FacetValue[] }
  processingTimeMs: number
  /** what search made of the query: the words it searched for, and the fillers it left out */
  understood: { terms: string[]; dropped: string[] }
  /** the query with its typos or pinyin corrected, when the results are those of the correction ("您是不是要找") */
  correctedQuery: string | null
  /** the life events (一件事) the query names (开火锅店 → 开办餐饮店), shown above the hits */
  lifeEvents: LifeEventSummary[]
  /** what else may help when the hits are few, partial or none, or the query names a need handled elsewhere */
  help: SearchHelp | null
  /** the hits match only part of what was typed (no record holds every word, or a word is unknown to the index) */
  partial: boolean
}

export interface SearchHelp {
  /** needs the query names that another level of government handles, and who handles them */
  referrals: ReferralView[]
  /** dictionary words and everyday names close to the query, to search instead */
  suggestions: string[]
  /** departments whose lists hold partial matches, most first */
  departments: { id: number; name: string; count: number }[]
}
