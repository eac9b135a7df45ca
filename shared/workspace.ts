// Queries of the back office, shared by its pages and its API.
import { z } from 'zod'

const many = <T extends z.ZodType>(item: T) =>
  z.union([item, z.array(item)]).optional().transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))

export const CHANGE_REQUEST_STATUSES = ['DRAFT', 'SUBMITTED', 'RETURNED', 'APPROVED', 'PUBLISHED', 'WITHDRAWN'] as const

export const changeRequestQuerySchema = z.object({
  status: many(z.enum(CHANGE_REQUEST_STATUSES)),
  dept: many(z.coerce.number().int().positive()),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
}).strict()
export type ChangeRequestQuery = z.output<typeof changeRequestQuerySchema>

export const idParamSchema = z.coerce.number().int().positive()

export const batchDecisionSchema = z.object({ ids: z.array(idParamSchema).min(1).max(200) }).passthrough()

export const auditQuerySchema = z.object({
  dept: z.coerce.number().int().positive().optional(),
  actor: z.string().trim().max(100).optional(),
  action: z.string().trim().max(100).optional(),
  entityType: z.enum(['POWER_ITEM', 'DUTY', 'DUTY_BOUNDARY', 'SPECIAL_FUND', 'DEPARTMENT', 'USER', 'SYNONYM', 'LIST_VERSION', 'CHANGE_REQUEST', 'SETTING']).optional(),
  entityId: z.string().trim().max(100).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(100),
  format: z.enum(['json', 'csv', 'xlsx']).default('json'),
}).strict()
export type AuditQuery = z.output<typeof auditQuerySchema>

export const pointInTimeQuerySchema = z.object({
  date: z.iso.date('日期格式应为 YYYY-MM-DD'),
  dept: z.coerce.number().int().positive().optional(),
  type: z.string().max(30).optional(),
}).strict()
