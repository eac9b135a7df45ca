// What the public list API (/api/v1/...) answers and the list pages show: one shape per view,
// shared by the server services, the pages and the OpenAPI description.
import type { ItemTypeKey } from './item-types'
import type { DutyView, PublicHistoryEntry } from './items'
import type { AllocationMethod, ItemStatus, ListKind, Page } from './lists'
import type { ServiceHallView } from './guides'


export interface DepartmentRef { id: number; code: string; name: string }

/** The most departments a list page's filter offers; the department directory lists them all. */
export const DEPARTMENT_FILTER_LIMIT = 60

/** One value of a filter and how many records it would give with the other filters kept. */
export interface FilterCount { value: string; label: string; count: number }

export interface PowerItemRow {
  code: string
  name: string
  type: ItemTypeKey
  typeCode: string
  department: DepartmentRef
  groupName: string | null
  level: string
  status: ItemStatus
  /** the document (文号) and date of the last change of status, shown for cancelled and delegated items */
  statusDocumentNo: string | null
  statusChangedAt: string | null
  hasDemoContent: boolean
}

export interface PowerItemPage extends Page<PowerItemRow> {
  /** the day (YYYY-MM-DD) the list is shown as it stood at the end of; null: as it is now */
  asOf: string | null
  filters: { dept: FilterCount[]; type: FilterCount[]; status: FilterCount[]; level: FilterCount[] }
}

export interface DutyRow extends DutyView {
  department: DepartmentRef
  /** the power item a 责任事项 belongs to */
  powerItem: { code: string; name: string; status: ItemStatus } | null
}

export interface DutyPage extends Page<DutyRow> {
  asOf: string | null
  filters: { dept: FilterCount[]; kind: FilterCount[] }
}

export interface BoundaryView {
  code: string
  title: string
  content: string
  basis: string | null
  isDemo: boolean
  /** every department at the boundary, the lead first, each with what it is responsible for */
  departments: { department: DepartmentRef; responsibility: string; isLead: boolean }[]
}

export interface BoundaryPage extends Page<BoundaryView> {
  filters: { dept: FilterCount[] }
}

export interface FundRow {
  code: string
  name: string
  department: DepartmentRef
  year: number
  /** 资金规模 in 万元, as a decimal string with two places */
  amount: string
  allocationMethod: AllocationMethod
  periodStart: number
  periodEnd: number
  status: ItemStatus
  isDemo: boolean
  /** the identity of a continuing fund across its years (资金项目编码) */
  seriesCode: string
  /** the same fund the year before, if it had an entry then */
  previous: { code: string; year: number; amount: string } | null
}

export interface FundPage extends Page<FundRow> {
  asOf: string | null
  /** the sum of the amounts of every fund matching the filters, in 万元 (years added together: show byYear) */
  totalAmount: string
  /** per year, the funds matching the other filters and their sum: what a headline compares */
  byYear: { year: number; count: number; amount: string }[]
  filters: { dept: FilterCount[]; year: FilterCount[]; method: FilterCount[] }
}

export interface FundAllocationView {
  recipient: string
  project: string | null
  amount: string
  publishedOn: string
}

/** One year of a continuing fund, as its page lists them. */
export interface FundYearView {
  code: string
  year: number
  amount: string
  status: ItemStatus
  allocatedAmount: string
  allocations: FundAllocationView[]
}

export interface FundView extends FundRow {
  /** every year of the fund, oldest first, this one included */
  years: FundYearView[]
  legalBasis: string
  purpose: string
  recipients: string
  performanceTargets: string
  howToApply: string
  publishedAt: string
  allocations: FundAllocationView[]
  /** the sum of the published allocations, in 万元 */
  allocatedAmount: string
  /** what changed, when and on which document; never who */
  history: PublicHistoryEntry[]
}

export interface ListCounts {
  /** power items (types 01-10) not cancelled */
  powerItems: number
  /** public services (type 20) not cancelled */
  publicServices: number
  duties: number
  funds: number
}

export interface DepartmentRow extends DepartmentRef {
  shortName: string | null
  level: string
  counts: ListCounts
}

export interface DepartmentView extends DepartmentRow {
  /** power items by type, cancelled ones included in `total` and counted apart */
  powerByType: { type: ItemTypeKey; typeCode: string; total: number; cancelled: number }[]
  publicServices: { code: string; name: string; status: ItemStatus }[]
  departmentDuties: DutyRow[]
  supervision: DutyRow[]
  /** how many power items carry 责任事项 and 追责情形 */
  powerDuties: number
  boundaries: BoundaryView[]
  funds: FundRow[]
  /** 服务窗口: where the department receives applicants */
  halls: ServiceHallView[]
}

export type AnnouncedAction = 'ADD' | 'UPDATE' | 'RETAIN' | 'DELEGATE' | 'CANCEL' | 'ADJUST' | 'MERGE'

/** How many records a list version changes, in all and per list and action: the same wherever it is shown. */
export interface VersionCounts {
  total: number
  lists: { list: ListKind; total: number; actions: { action: AnnouncedAction; count: number }[] }[]
  /** changes of service guides, which the open data's changes list under the power list (part GUIDE); not in `total` */
  guides: number
}

export interface AnnouncementRow {
  id: number
  title: string
  /** 文号 of the list version */
  documentNo: string | null
  effectiveDate: string
  publishedAt: string
  version: { year: number; batch: number }
  /** how many records of each list each action touched */
  counts: VersionCounts
}

export interface AnnouncedChange {
  list: ListKind
  code: string
  name: string
  /** a power item's type (its page is /items/<code>); null for duties and funds */
  type: ItemTypeKey | null
  department: DepartmentRef
  action: AnnouncedAction
  /** the document of this change, else the list version's */
  documentNo: string | null
  /** why, as the reform office published it */
  reason: string | null
  validFrom: string
  /** the record's status now, which may have changed again since */
  status: ItemStatus
  /** each field from its old value to its new one (none for a record added) */
  changes: { field: string; before: unknown; after: unknown }[]
}

export interface AnnouncementView extends AnnouncementRow {
  body: string
  /** every department the version touched, with its count per action */
  byDepartment: { department: DepartmentRef; actions: { action: AnnouncedAction; count: number }[]; total: number }[]
  changes: Page<AnnouncedChange>
}

/** What a record went through between two days, as the comparison of a list shows it. */
export type ComparedKind = 'ADDED' | 'CANCELLED' | 'DELEGATED' | 'CHANGED' | 'RETAINED'

export interface ComparedRecord {
  list: ListKind
  code: string
  name: string
  department: DepartmentRef
  kind: ComparedKind
  /** its status at the end of the first day; null when it was not yet published */
  statusFrom: ItemStatus | null
  statusTo: ItemStatus
  /** each field from the first day to the second (none for a record added) */
  changes: { field: string; before: unknown; after: unknown }[]
  /** every version published in between, with its document and public reason */
  versions: { validFrom: string; action: AnnouncedAction; documentNo: string | null; reason: string | null }[]
}

/** GET /api/v1/compare/<list>: what changed in a list between the ends of two days. */
export interface ListComparison extends Page<ComparedRecord> {
  list: ListKind
  from: string
  to: string
  /** how many records of each kind, whatever `kind` filter is chosen */
  counts: { kind: ComparedKind; count: number }[]
}

export type { CompareQuery } from './lists'
