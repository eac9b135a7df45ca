// Shapes of the published records as the API gives them to the portal.
import { z } from 'zod'
import type { DutyKind, ItemStatus } from './lists'
import type { GuideView } from './guides'

export const itemCodeSchema = z.string().trim().min(1, '事项编码不能为空').max(200).regex(/^[0-9A-Za-z-]+$/, '事项编码只能包含字母、数字和连字符')

export interface AccountabilityCaseView { content: string; basis: string | null }

/** The fields of a power item that an editor keeps: the same in the item page, the open data and the workspace. */
export interface PowerItemFields {
  code: string
  name: string
  aliases: string[]
  type: string
  groupName: string | null
  legalBasis: string | null
  level: string
  timeLimit: string | null
  fees: string | null
  contact: string | null
}

/** The fields of a duty (责任事项) that an editor keeps. */
export interface DutyFields {
  code: string
  kind: DutyKind
  title: string
  content: string
  basis: string | null
}

export interface DutyView extends DutyFields {
  /** a cancelled duty stays listed, marked as cancelled */
  status: ItemStatus
  isDemo: boolean
  cases: AccountabilityCaseView[]
}

export interface PublicHistoryEntry {
  revision: number
  action: string
  validFrom: string
  documentNo: string | null
  /** why the reform office decided so, written for the public; null when it gave none */
  reason: string | null
  /** snapshot fields that changed from the version before (ids named as what they point to: `department`) */
  changedFields: string[]
  /** each of those fields from its old value to its new one (names, not ids) */
  changes: { field: string; before: unknown; after: unknown }[]
}

export interface PowerItemView extends PowerItemFields {
  typeCode: string
  typeName: string
  department: { id: number; name: string; code: string }
  sourceUrl: string | null
  status: ItemStatus
  delegatedTo: { level: string | null; department: string | null } | null
  mergedInto: { code: string; name: string } | null
  statusDocumentNo: string | null
  statusChangedAt: string | null
  hasDemoContent: boolean
  publishedAt: string
  duties: DutyView[]
  history: PublicHistoryEntry[]
  /** 办事指南: what the applicant needs to get it done; null when the item has none */
  guide: (GuideView & { history: PublicHistoryEntry[] }) | null
  /** where to ask when there is no guide: the department's first service hall, else the item's contact */
  departmentPhone: string | null
  /** the 一件事 this item is a step of */
  lifeEvents: { slug: string; title: string }[]
}

export interface ListStatistics {
  powerItems: number
  publicServices: number
  duties: number
  /** the funds of the newest year, and their sum in 万元 */
  funds: number
  fundYear: number | null
  departments: number
  fundTotalWan: string
}
