// Shapes of the published records as the API gives them to the portal.
import { z } from 'zod'
import type { DutyKind, ItemStatus } from './lists'

export const itemCodeSchema = z.string().trim().min(1, '事项编码不能为空').max(200).regex(/^[0-9A-Za-z-]+$/, '事项编码只能包含字母、数字和连字符')

export interface AccountabilityCaseView { content: string; basis: string | null }

export interface DutyView {
  code: string
  kind: DutyKind
  title: string
  content: string
  basis: string | null
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

export interface PowerItemView {
  code: string
  name: string
  aliases: string[]
  type: string
  typeCode: string
  typeName: string
  department: { id: number; name: string; code: string }
  groupName: string | null
  legalBasis: string | null
  level: string
  timeLimit: string | null
  fees: string | null
  contact: string | null
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
