// 督查: the list-quality findings and the working-day calendar they count deadlines by. The rules
// the pages and the API share.
import { z } from 'zod'

/** Local rules on timing: working days a department has to file, the office to review, and to publish. */
export const WAIT_LIMITS = { FILING_OVERDUE: 10, REVIEW_OVERDUE: 15, PUBLICATION_OVERDUE: 3 } as const

/** A record counts as stale when nothing about it was published for longer than this. */
export const STALE_MONTHS = 12

export const FINDING_KINDS = [
  'ITEM_NO_LEGAL_BASIS',
  'ITEM_NO_TIME_LIMIT',
  'ITEM_NO_FEES',
  'ITEM_NO_CONTACT',
  'POWER_NO_DUTY',
  'DUTY_NO_CASE',
  'FUND_NO_TARGETS',
  'FUND_NO_ALLOCATION',
  'STALE_RECORD',
  'FILING_OVERDUE',
  'REVIEW_OVERDUE',
  'PUBLICATION_OVERDUE',
] as const
export type FindingKind = (typeof FINDING_KINDS)[number]

export type FindingRecordType = 'POWER_ITEM' | 'DUTY' | 'SPECIAL_FUND' | 'CHANGE_REQUEST'

export interface Finding {
  kind: FindingKind
  departmentId: number
  recordType: FindingRecordType
  recordId: number
  /** the record's code (a change request: the code of the record it changes, if any) */
  code: string | null
  name: string
  /** the record's public page (published records); a change request opens in the back office */
  publicPath: string | null
  /** the day the waiting or staleness is counted from (YYYY-MM-DD, city time) */
  since: string | null
  /** for a waiting change: the last working day it was due, and the working days it has waited */
  dueBy: string | null
  workingDaysWaited: number | null
}

export type FindingCounts = Record<FindingKind, number>

export interface DepartmentFindings {
  departmentId: number
  departmentName: string
  counts: FindingCounts
  total: number
}

export interface FindingsReport {
  /** the city date the findings were computed for */
  asOf: string
  /** the departments in scope with at least one finding (a department's own row always) */
  departments: DepartmentFindings[]
  city: FindingCounts
  cityTotal: number
  /** the findings matching the query's department and kind, a page at a time */
  findings: Finding[]
  matching: number
  page: number
  pageSize: number
  pageCount: number
}

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), '不是有效的日期')

export const findingsQuerySchema = z.object({
  dept: z.coerce.number().int().min(1).max(2_147_483_647).optional(),
  kind: z.enum(FINDING_KINDS).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
}).strict()
export type FindingsQuery = z.output<typeof findingsQuerySchema>

export const calendarDateSchema = isoDate

export const calendarQuerySchema = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
}).strict()

export const calendarDayInputSchema = z.object({
  workday: z.boolean(),
  name: z.string().trim().min(1, '请填写名称，如“国庆节”或“国庆调休上班”').max(50, '名称不超过50个字'),
}).strict()
export type CalendarDayInput = z.output<typeof calendarDayInputSchema>

export interface CalendarDayView {
  date: string
  workday: boolean
  name: string
}

/** 考核 periods: a year (2026), a half (2026-H1) or a quarter (2026-Q3). */
export const periodSchema = z.string().trim().regex(/^(20\d{2})(-H[12]|-Q[1-4])?$/, '考核期格式应为 2026、2026-H1 或 2026-Q3')

/** The first and last city date of a period. */
export function periodRange(period: string): { start: string; end: string } {
  const [year, part] = period.split('-') as [string, string | undefined]
  const months = !part ? [1, 12] : part.startsWith('H') ? (part === 'H1' ? [1, 6] : [7, 12]) : [Number(part[1]) * 3 - 2, Number(part[1]) * 3]
  const last = new Date(Date.UTC(Number(year), months[1]!, 0)).getUTCDate()
  return { start: `${year}-${String(months[0]).padStart(2, '0')}-01`, end: `${year}-${String(months[1]).padStart(2, '0')}-${last}` }
}

/** How much each part counts in a department's total, in percent; they add up to 100. */
export const scorecardWeightsSchema = z.object({
  completeness: z.number().int().min(0).max(100),
  timeliness: z.number().int().min(0).max(100),
  /** reform tasks (目标责任) done by their deadline; weights set before this part existed leave it out */
  reformTasks: z.number().int().min(0).max(100).default(0),
}).strict().refine((w) => w.completeness + w.timeliness + w.reformTasks === 100, { message: '权重之和应为100', path: ['reformTasks'] })
export type ScorecardWeights = z.output<typeof scorecardWeightsSchema>
export const DEFAULT_WEIGHTS: ScorecardWeights = { completeness: 50, timeliness: 30, reformTasks: 20 }

export const scorecardInputSchema = z.object({ period: periodSchema }).strict()

export interface ScorecardRow {
  departmentId: number
  departmentName: string
  /** checks made on the department's records in force, and how many failed */
  checks: number
  failed: number
  /** 0-100, null when the department has nothing to check */
  completeness: number | null
  /** steps (filing, review, publication) due in the period, and how many were done in time */
  steps: number
  late: number
  timeliness: number | null
  /** reform tasks the department leads that fell due in the period, and how many were not done by their deadline */
  tasks: number
  tasksLate: number
  reformTasks: number | null
  /** the weighted total over the parts that have a figure */
  total: number | null
}

export interface ScorecardView {
  id: number
  period: string
  periodStart: string
  periodEnd: string
  weights: ScorecardWeights
  rows: ScorecardRow[]
  createdBy: string
  createdAt: string
}

export interface ScorecardSummary { id: number; period: string; createdAt: string; createdBy: string }
