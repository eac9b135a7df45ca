// The open-data downloads: which files exist, the filters they take (the list queries without
// paging: a download holds everything that matches) and the shapes of their JSON.
import { z } from 'zod'
import type { VersionCounts } from './list-views'
import type { PowerItemFields } from './items'
import { dutyListQuerySchema, fundListQuerySchema, LIST_KINDS, OPEN_DATA_FORMATS, powerListQuerySchema, type ListKind, type OpenDataFormat } from './lists'
import type { GuideSnapshot } from './guides'

const noPaging = { page: true, pageSize: true } as const

export const exportFilterSchemas = {
  power: powerListQuerySchema.omit(noPaging),
  responsibility: dutyListQuerySchema.omit(noPaging),
  fund: fundListQuerySchema.omit(noPaging),
} as const
export type ExportFilters = { [K in ListKind]: z.output<(typeof exportFilterSchemas)[K]> }
export type ListExport = { [K in ListKind]: { list: K; filters: ExportFilters[K] } }[ListKind]

/** A version's changes take no filters; anything in the query string is refused. */

function fileName<const L extends readonly [string, ...string[]]>(names: L) {
  return z.string()
    .transform((file) => {
      const dot = file.lastIndexOf('.')
      return dot < 0 ? { list: file, format: '' } : { list: file.slice(0, dot), format: file.slice(dot + 1) }
    })
    .pipe(z.object({ list: z.enum(names), format: z.enum(OPEN_DATA_FORMATS) }))
}

/** `power.csv`, `fund.xlsx`, ...: the last path segment of a current-list download. */
export const listFileSchema = fileName(LIST_KINDS)
/** The same, plus `changes.<format>`, within a list version. */
export const versionFileSchema = fileName([...LIST_KINDS, 'changes'])
export const versionIdSchema = z.coerce.number().int().positive().max(2_147_483_647)

export { listDownloadPath } from './list-constants'

export interface OpenDataVersion {
  id: number
  title: string
  year: number
  batch: number
  documentNo: string | null
  effectiveDate: string
  publishedAt: string
  /** how many records the version changed: counts.total */
  changes: number
  counts: VersionCounts
}

/** What /api/open-data lists: the lists with their current sizes and every published version. */
export interface OpenDataCatalogue {
  lists: { list: ListKind; total: number }[]
  formats: OpenDataFormat[]
  versions: OpenDataVersion[]
}

export interface PowerItemRecord extends PowerItemFields {
  typeCode: string
  typeName: string
  departmentId: number
  department: string
  status: string
  delegatedToLevel: string | null
  delegatedToDepartment: string | null
  mergedInto: string | null
  statusDocumentNo: string | null
  /** 办事指南 as published then (none for an item without one); nested in JSON, columns and a materials sheet in a spreadsheet */
  guide: GuideRecord | null
}

export type GuideRecord = Omit<GuideSnapshot, 'itemCode'>

export interface DutyRecord {
  code: string
  kind: string
  kindName: string
  departmentId: number
  department: string
  powerItemCode: string | null
  title: string
  content: string
  basis: string | null
  status: string
  isDemo: boolean
  cases: { content: string; basis: string | null }[]
}

export interface FundAllocationRecord { recipient: string; amount: string; project: string | null; publishedOn: string }

export interface FundRecord {
  code: string
  /** the identity of a continuing fund across its years (资金项目编码) */
  seriesCode: string
  name: string
  departmentId: number
  department: string
  year: number
  /** 万元, as a decimal string so no precision is lost */
  amount: string
  legalBasis: string
  purpose: string
  recipients: string
  allocationMethod: string
  performanceTargets: string
  periodStart: number
  periodEnd: number
  howToApply: string
  status: string
  isDemo: boolean
  allocations: FundAllocationRecord[]
}

export interface ChangeRecord {
  list: ListKind
  /** what changed: the list's record itself, or (for a power item) its service guide */
  part: 'RECORD' | 'GUIDE'
  code: string
  name: string
  department: string
  action: string
  /** the snapshot fields that differ from the record's previous state; empty for additions */
  changedFields: string[]
  /** each of them from its old value to its new one, names for ids */
  changes: { field: string; before: unknown; after: unknown }[]
  documentNo: string | null
  /** the public reason of the decision */
  reason: string | null
  effectiveAt: string
}

/** The JSON download: the version it reproduces (null for the current list) and every record. */
export interface OpenDataJson<T> {
  list: ListKind | 'changes'
  version: { id: number; title: string; publishedAt: string } | null
  total: number
  items: T[]
  /** each column of the spreadsheet download, its JSON field, type and meaning */
  dictionary: { sheet: string; column: string; field: string | null; type: string; meaning: string }[]
}
