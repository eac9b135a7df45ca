// The names and values of the three lists that every page needs: their kinds, the states and
// levels of their records, paging, their open-data files, the adjustments the reform results count.
// Apart from lists.ts, whose query schemas need zod: a public page that only names a list or pages
// through one should not download and run the validation library on a phone. lists.ts re-exports
// everything here (open-data.ts and results.ts what is theirs).

/** The state of a published record of any list (a duty or fund is never DELEGATED). */
export const ITEM_STATUSES = ['IN_FORCE', 'DELEGATED', 'CANCELLED'] as const
export type ItemStatus = (typeof ITEM_STATUSES)[number]

export const ADMIN_LEVELS = ['PROVINCE', 'CITY', 'COUNTY', 'TOWNSHIP', 'VILLAGE'] as const
export type AdminLevel = (typeof ADMIN_LEVELS)[number]
export const DUTY_KINDS = ['DEPARTMENT_DUTY', 'POWER_DUTY', 'SUPERVISION'] as const
export type DutyKind = (typeof DUTY_KINDS)[number]
export const ALLOCATION_METHODS = ['FACTOR', 'PROJECT'] as const
export type AllocationMethod = (typeof ALLOCATION_METHODS)[number]

/**
 * The three lists, by the name code and URLs give them (the public pages /power, /responsibility
 * and /funds, the open-data files power.csv, ...): 权力清单, 责任清单, 财政专项资金管理清单.
 */
export const LIST_KINDS = ['power', 'responsibility', 'fund'] as const
export type ListKind = (typeof LIST_KINDS)[number]

/** The records each list holds, as the database names them: PowerItem, Duty, SpecialFund. */
export const LIST_ENTITY_TYPES = ['POWER_ITEM', 'DUTY', 'SPECIAL_FUND'] as const
export type ListEntityType = (typeof LIST_ENTITY_TYPES)[number]

/**
 * The one mapping between a list's names: the entity type of its records, and the path of its
 * records in the API's record routes (/api/v1/duties, /api/workspace/duties/12, /api/import/duties).
 */
export const LISTS = {
  power: { entityType: 'POWER_ITEM', records: 'power-items' },
  responsibility: { entityType: 'DUTY', records: 'duties' },
  fund: { entityType: 'SPECIAL_FUND', records: 'funds' },
} as const satisfies Record<ListKind, { entityType: ListEntityType; records: string }>

/** The list whose records have this entity type. */
export function listOf(entityType: ListEntityType): ListKind {
  return LIST_KINDS.find((list) => LISTS[list].entityType === entityType)!
}

/**
 * Every kind of record the API's record routes name by path: the three lists' records, the service
 * guide (办事指南) of a power item, one per item under the item's id (/api/workspace/guides/12), and
 * the life events (一件事) the reform office curates (/api/history/life-events/3).
 */
export const RECORDS = {
  ...LISTS,
  guide: { entityType: 'SERVICE_GUIDE', records: 'guides' },
  lifeEvent: { entityType: 'LIFE_EVENT', records: 'life-events' },
} as const satisfies Record<string, { entityType: string; records: string }>
export type RecordKind = keyof typeof RECORDS
export const RECORD_KINDS = Object.keys(RECORDS) as RecordKind[]
export type RecordEntityType = (typeof RECORDS)[RecordKind]['entityType']

/** The records an editor drafts changes of through the review workflow: the lists' and the guides. */
export const DRAFT_KINDS = [...LIST_KINDS, 'guide'] as const
export type DraftKind = (typeof DRAFT_KINDS)[number]
export const DRAFT_ENTITY_TYPES = ['POWER_ITEM', 'DUTY', 'SPECIAL_FUND', 'SERVICE_GUIDE'] as const satisfies readonly (typeof RECORDS)[DraftKind]['entityType'][]
export type DraftEntityType = (typeof DRAFT_ENTITY_TYPES)[number]

export interface Page<T> {
  items: T[]
  total: number
  page: number
  pageSize: number
  pageCount: number
}

/** One page of a list held whole; a page past the end shows the last one. */
export function slicePage<T>(all: readonly T[], page: number, pageSize: number): Page<T> {
  const pageCount = Math.max(1, Math.ceil(all.length / pageSize))
  const current = Math.min(Math.max(1, Math.floor(page) || 1), pageCount)
  return { items: all.slice((current - 1) * pageSize, current * pageSize), total: all.length, page: current, pageSize, pageCount }
}

export const OPEN_DATA_FORMATS = ['csv', 'json', 'xlsx'] as const
export type OpenDataFormat = (typeof OPEN_DATA_FORMATS)[number]

/** Where a list's open-data file is downloaded: today's, or as a published version left it. */
export function listDownloadPath(list: ListKind | 'changes', format: OpenDataFormat, versionId?: number): string {
  return versionId === undefined ? `/api/open-data/${list}.${format}` : `/api/open-data/versions/${versionId}/${list}.${format}`
}


export const ANNOUNCED_ACTIONS = ['ADD', 'UPDATE', 'RETAIN', 'DELEGATE', 'CANCEL', 'ADJUST', 'MERGE'] as const

export const COMPARED_KINDS = ['ADDED', 'CANCELLED', 'DELEGATED', 'CHANGED', 'RETAINED'] as const

/** The adjustments the reform results count, in the order the charts and tables show them. */
export const RESULT_ACTIONS = ['CANCEL', 'DELEGATE', 'ADJUST', 'MERGE', 'ADD'] as const
export type ResultAction = (typeof RESULT_ACTIONS)[number]
