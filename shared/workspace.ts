// Queries of the back office, shared by its pages and its API.
import { z } from 'zod'
import { oneOrMany, recordId } from './query'
import { DRAFT_ENTITY_TYPES, type AllocationMethod, type DraftEntityType, type DraftKind, type ItemStatus } from './lists'
import { GUIDE_GAPS } from './guides'
import type { ChangeAction } from './drafts'
import type { VersionCounts } from './list-views'
import type { AccountabilityCaseView, DutyFields, PowerItemFields } from './items'

export const CHANGE_REQUEST_STATUSES = ['DRAFT', 'SUBMITTED', 'RETURNED', 'APPROVED', 'PUBLISHED', 'WITHDRAWN'] as const

export const changeRequestQuerySchema = z.object({
  status: oneOrMany(z.enum(CHANGE_REQUEST_STATUSES)),
  entityType: oneOrMany(z.enum(DRAFT_ENTITY_TYPES)),
  dept: oneOrMany(recordId),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
}).strict()
export type ChangeRequestQuery = z.output<typeof changeRequestQuerySchema>

export const idParamSchema = recordId

export const batchDecisionSchema = z.object({ ids: z.array(idParamSchema).min(1).max(200) }).passthrough()

export const auditQuerySchema = z.object({
  dept: recordId.optional(),
  actor: z.string().trim().max(100).optional(),
  action: z.string().trim().max(100).optional(),
  entityType: z.enum(['POWER_ITEM', 'DUTY', 'DUTY_BOUNDARY', 'SPECIAL_FUND', 'DEPARTMENT', 'USER', 'SYNONYM', 'LIST_VERSION', 'CHANGE_REQUEST', 'SETTING', 'SERVICE_GUIDE', 'SERVICE_HALL', 'LIFE_EVENT', 'REFORM_TASK']).optional(),
  entityId: z.string().trim().max(100).optional(),
  q: z.string().trim().max(100).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(100),
  format: z.enum(['json', 'csv', 'xlsx']).default('json'),
}).strict()
export type AuditQuery = z.output<typeof auditQuerySchema>

/** A department's published items as the workspace searches them. */
export const workspaceQuerySchema = z.object({
  q: z.string().trim().max(100).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
}).strict()
export type WorkspaceQuery = z.output<typeof workspaceQuerySchema>

/** What a page of the workspace's records of each kind asks for; a guide's also what it lacks (?gap=NO_FEE). */
export const workspaceQuerySchemas = {
  power: workspaceQuerySchema,
  responsibility: workspaceQuerySchema,
  fund: workspaceQuerySchema,
  guide: workspaceQuerySchema.extend({ gap: z.enum(GUIDE_GAPS).optional() }).strict(),
} as const satisfies Record<DraftKind, z.ZodType>
export type GuideWorkspaceQuery = z.output<typeof workspaceQuerySchemas.guide>

export type ChangeRequestStatus = (typeof CHANGE_REQUEST_STATUSES)[number]
/** The states in which a change request still holds its record: no second change may open. */
export const OPEN_CHANGE_REQUEST_STATUSES = ['DRAFT', 'SUBMITTED', 'RETURNED', 'APPROVED'] as const satisfies readonly ChangeRequestStatus[]

export const LIST_VERSION_STATUSES = ['DRAFT', 'SCHEDULED', 'PUBLISHED'] as const
export type ListVersionStatus = (typeof LIST_VERSION_STATUSES)[number]

/** What the workspace shows of any published record besides its fields. */
interface WorkspaceRecord {
  id: number
  status: ItemStatus
  department: { id: number; name: string }
  /** the change under way for this record, if any: a second one is refused (OPEN_CHANGE_EXISTS) */
  openRequest: { id: number; status: ChangeRequestStatus } | null
}

/** A published item with the fields an editor may propose to change. */
export interface WorkspacePowerItem extends WorkspaceRecord, PowerItemFields {}

/** A published duty (责任清单) with the fields an editor may propose to change. */
export interface WorkspaceDuty extends WorkspaceRecord, DutyFields {
  powerItemId: number | null
  powerItem: { id: number; code: string; name: string } | null
  cases: AccountabilityCaseView[]
}

/** A published special fund (财政专项资金) with the fields an editor may propose to change. */
export interface WorkspaceFund extends WorkspaceRecord {
  code: string
  name: string
  year: number
  /** 万元, as a decimal string */
  amount: string
  legalBasis: string
  purpose: string
  recipients: string
  allocationMethod: AllocationMethod
  performanceTargets: string
  periodStart: number
  periodEnd: number
  howToApply: string
}

export interface WorkspacePage<T> { total: number; page: number; pageCount: number; items: T[] }


export interface ChangeRequestRow {
  id: number
  entityType: DraftEntityType
  action: ChangeAction
  status: ChangeRequestStatus
  itemName: string
  itemCode: string
  department: string
  departmentId: number
  author: string
  reason: string | null
  submittedAt: string | null
  updatedAt: string
  lastDecision: { outcome: string; comment: string | null; documentNo: string | null; effectiveDate: string | null; listVersionId: number | null } | null
}

export interface ChangeRequestPage {
  total: number
  page: number
  pageSize: number
  pageCount: number
  items: ChangeRequestRow[]
  /** per status, within the same departments, whatever the status filter */
  counts: Record<ChangeRequestStatus, number>
}

export interface FieldChangeView { field: string; before: unknown; after: unknown }

export interface ChangeRequestView {
  id: number
  entityType: DraftEntityType
  action: ChangeAction
  status: ChangeRequestStatus
  department: { id: number; name: string }
  author: string
  reason: string | null
  payload: Record<string, unknown>
  entityId: number | null
  /** the published record the change is of (for a guide, its item), null for a new record */
  record: { code: string; name: string } | null
  baseRevision: number | null
  currentRevision: number | null
  published: Record<string, unknown> | null
  proposed: Record<string, unknown> | null
  diff: FieldChangeView[]
  decisions: { outcome: string; action: string | null; documentNo: string | null; effectiveDate: string | null; comment: string | null; publicReason: string | null; by: string; at: string; listVersionId: number | null }[]
  submittedAt: string | null
  createdAt: string
}

export interface ListVersionView {
  id: number
  year: number
  batch: number
  title: string
  documentNo: string | null
  effectiveDate: string
  status: ListVersionStatus
  publishedAt: string | null
  /** how many records the version changes: counts.total, as the announcement and the open data count them */
  changes: number
  /** the changes it holds, in the order they are applied */
  changeRequests: VersionChange[]
  /** why the last attempt to apply it failed, until it is applied or a change is taken out */
  failure: { reason: string; at: string; changeRequestId: number | null } | null
  counts: VersionCounts
}

export type VersionChange = Pick<ChangeRequestRow, 'id' | 'entityType' | 'action' | 'status' | 'itemName' | 'itemCode' | 'department'>

/** Pages import the city's today from here with the rest of the workspace contract. */
export { cityToday } from './city-time'
