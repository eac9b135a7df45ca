// What the auditor's pages receive: audit entries, the chain check and record timelines (the
// lists as they stood on a date: shared/history.ts).
import type { FieldChange } from './diff'
import type { RoleName } from './auth'

/** What an entry records, all of which its hash covers, beside its number and time. */
export interface AuditEntryContent {
  actorId: number | null
  actorName: string
  role: RoleName | null
  departmentId: number | null
  action: string
  entityType: string | null
  entityId: string | null
  before: unknown
  after: unknown
  reason: string | null
  documentNo: string | null
  requestId: string | null
  prevHash: string
}

export interface AuditEntryView extends AuditEntryContent {
  seq: string
  at: string
  hash: string
  /** before and after field by field (empty when neither is an object) */
  changes: FieldChange[]
  /** the records the entry affects (the first ones: an import names thousands) */
  records: AuditRecordView[]
  /** how many records it affects in all */
  recordCount: number
}

/** A power item, duty or fund an entry affects; a record only proposed has no id yet, only its code. */
export interface AuditRecordView {
  entityType: 'POWER_ITEM' | 'DUTY' | 'SPECIAL_FUND'
  entityId: number | null
  code: string
  name: string
}

export interface AuditPage {
  total: number
  page: number
  pageSize: number
  pageCount: number
  items: AuditEntryView[]
}

export interface ChainVerification {
  ok: boolean
  entries: number
  /** the first entry that is wrong, missing or out of order */
  firstBad?: { seq: string; problem: string }
}

/** One published state of a record, as GET /api/history/{power-items|duties|funds}/[id] gives it. */
export interface HistoryVersionView {
  revision: number
  action: string
  validFrom: string
  validTo: string | null
  documentNo: string | null
  listVersionId: number | null
  data: Record<string, unknown>
  /** what changed from the version before (empty for the first) */
  changes: FieldChange[]
}

/** One audit entry about a record, as its history shows who did what (GET /api/history/stories/<list>/[id]). */
export interface RecordStoryEntry {
  seq: string
  at: string
  /** draft.create, draft.submit, review.approve, version.publish, import.items, ... */
  action: string
  actorName: string
  role: RoleName | null
  department: string | null
  reason: string | null
  documentNo: string | null
  /** the change request the entry is about, if it is */
  changeRequestId: number | null
  /** the list version the entry's change went into (or that the entry is about) */
  listVersion: { id: number; title: string } | null
}

/** The export formats of the back office (JSON is the API itself). */
export type ExportFormat = 'csv' | 'xlsx'
