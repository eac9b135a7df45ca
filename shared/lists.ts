// Queries of the three published lists, shared by the portal pages, the public JSON API
// (/api/v1/...), the open-data downloads and the OpenAPI description: one set of filters.
import { z } from 'zod'
import { oneOrMany, recordId } from './query'
import { ITEM_TYPE_KEYS } from './item-types'
import { ITEM_STATUSES, ADMIN_LEVELS, DUTY_KINDS, ALLOCATION_METHODS, LIST_KINDS, RECORDS, ANNOUNCED_ACTIONS, COMPARED_KINDS, type RecordKind } from './list-constants'

export * from './list-constants'

/** A record route's path segment read as the kind of record it names (`duties` → `responsibility`), of the kinds the route serves. */
export function recordsParam<K extends RecordKind>(kinds: readonly K[]) {
  const paths = kinds.map((kind) => RECORDS[kind].records)
  return z.enum(paths as [string, ...string[]], `应为 ${paths.join('、')} 之一`)
    .transform((records) => kinds.find((kind) => RECORDS[kind].records === records)!)
}

/** The list a record route names (`duties` → `responsibility`). */
export const recordsParamSchema = recordsParam(LIST_KINDS)

const paging = {
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
}

/** A day in the city (YYYY-MM-DD): a list "as it stood" at the end of it. */
export const cityDateSchema = z.iso.date('日期格式应为 YYYY-MM-DD')
/** The list as it stood at the end of this day, instead of as it is now. */
const asOf = { date: cityDateSchema.optional() }

/** 权力清单 (types 01-10) and public services (type 20): filter by department, type, status, level. */
export const powerListQuerySchema = z.object({
  dept: oneOrMany(recordId),
  type: oneOrMany(z.enum(ITEM_TYPE_KEYS)),
  status: oneOrMany(z.enum(ITEM_STATUSES)),
  level: oneOrMany(z.enum(ADMIN_LEVELS)),
  ...asOf,
  ...paging,
}).strict()
export type PowerListQuery = z.output<typeof powerListQuerySchema>

/** 责任清单: duties by department and kind. */
export const dutyListQuerySchema = z.object({
  dept: oneOrMany(recordId),
  kind: oneOrMany(z.enum(DUTY_KINDS)),
  ...asOf,
  ...paging,
}).strict()
export type DutyListQuery = z.output<typeof dutyListQuerySchema>

/** 财政专项资金管理清单: funds by year, department, allocation method and size (万元). */
export const fundListQuerySchema = z.object({
  dept: oneOrMany(recordId),
  year: oneOrMany(z.coerce.number().int().min(1949).max(2100)),
  method: oneOrMany(z.enum(ALLOCATION_METHODS)),
  minAmount: z.coerce.number().min(0).max(1e10).optional(),
  maxAmount: z.coerce.number().min(0).max(1e10).optional(),
  sort: z.enum(['year', 'amount', 'name']).default('year'),
  ...asOf,
  ...paging,
}).strict()
export type FundListQuery = z.output<typeof fundListQuerySchema>

/** 职责边界: where the duties of a department meet another's. */
export const boundaryListQuerySchema = z.object({
  dept: oneOrMany(recordId),
  ...paging,
}).strict()
export type BoundaryListQuery = z.output<typeof boundaryListQuerySchema>


/** The changes a published list version announces, by department and action. */
export const announcementQuerySchema = z.object({
  dept: oneOrMany(recordId),
  action: oneOrMany(z.enum(ANNOUNCED_ACTIONS)),
  list: oneOrMany(z.enum(LIST_KINDS)),
  ...paging,
}).strict()
export type AnnouncementQuery = z.output<typeof announcementQuerySchema>

export const announcementIdSchema = recordId

/** The code of a department or special fund in a URL. */
export const recordCodeSchema = z.string().trim().min(1, '编码不能为空').max(200).regex(/^[0-9A-Za-z_-]+$/, '编码只能包含字母、数字、下划线和连字符')


const comparing = {
  from: cityDateSchema,
  to: cityDateSchema,
  /** which kinds of change to list (ADDED, CANCELLED, ...); all when absent */
  change: oneOrMany(z.enum(COMPARED_KINDS)),
}
const inOrder = <T extends { from: string; to: string }>(q: T) => q.from <= q.to
const orderIssue = { path: ['to'], message: '截止日期不能早于起始日期' }

/** Two days to compare a list between, and the list's own filters (on the state of either day). */
export const compareQuerySchemas = {
  power: z.object({ ...comparing, dept: powerListQuerySchema.shape.dept, type: powerListQuerySchema.shape.type, level: powerListQuerySchema.shape.level, ...paging }).strict().refine(inOrder, orderIssue),
  responsibility: z.object({ ...comparing, dept: dutyListQuerySchema.shape.dept, kind: dutyListQuerySchema.shape.kind, ...paging }).strict().refine(inOrder, orderIssue),
  fund: z.object({ ...comparing, dept: fundListQuerySchema.shape.dept, year: fundListQuerySchema.shape.year, method: fundListQuerySchema.shape.method, ...paging }).strict().refine(inOrder, orderIssue),
} as const

type Compared = (typeof COMPARED_KINDS)[number]
interface CompareCommon { from: string; to: string; change: Compared[]; page: number; pageSize: number }
/** A comparison as the service takes it: the days, which kinds to show, and the list's filters. */
export type CompareQuery = CompareCommon & (
  | { list: 'power'; filters: { dept: number[]; type: z.output<typeof powerListQuerySchema>['type']; level: z.output<typeof powerListQuerySchema>['level'] } }
  | { list: 'responsibility'; filters: { dept: number[]; kind: (typeof DUTY_KINDS)[number][] } }
  | { list: 'fund'; filters: { dept: number[]; year: number[]; method: (typeof ALLOCATION_METHODS)[number][] } }
)

export const compareListSchema = z.enum(LIST_KINDS)
