// What the reform office keeps beside the dictionary to make search learn: the view of what
// citizens searched for (analytics), the terms shown as 大家都在搜, and the table of needs that
// another level of government handles. The rules both the forms and the API apply.
import { z } from 'zod'

export const MAX_ANALYTICS_DAYS = 366

const day = z.iso.date('日期格式应为 YYYY-MM-DD')

/** GET /api/search/analytics: a period of days (China Standard Time), both ends included. */
export const analyticsQuerySchema = z.object({
  from: day,
  to: day,
  limit: z.coerce.number().int().min(1).max(200).default(50),
}).strict()
  .refine((q) => q.from <= q.to, { message: '开始日期不能晚于结束日期', path: ['from'] })
  .refine((q) => (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 < MAX_ANALYTICS_DAYS, { message: `时间段不超过${MAX_ANALYTICS_DAYS}天`, path: ['to'] })
export type AnalyticsQuery = z.output<typeof analyticsQuerySchema>

/** One query as citizens typed it (normalised, without personal data), over the period. */
export interface QueryStatRow {
  query: string
  searches: number
  /** searches that found nothing */
  zeroResults: number
  /** searches after which a result was opened */
  opened: number
}

export interface SearchAnalytics {
  from: string
  to: string
  totals: { searches: number; zeroResults: number; opened: number; queries: number }
  /** the most searched queries */
  top: QueryStatRow[]
  /** queries that found nothing, most searched first */
  zeroResults: QueryStatRow[]
  /** queries that found something but whose results nobody opened */
  neverOpened: QueryStatRow[]
}

/** POST /api/search/opened: a result of the search for `q` was opened. */
export const openedBodySchema = z.object({ q: z.string().trim().min(1).max(100) }).strict()

export const POPULAR_TERM_STATUSES = ['APPROVED', 'BLOCKED'] as const
export type PopularTermStatus = (typeof POPULAR_TERM_STATUSES)[number]

export const popularTermInputSchema = z.object({
  term: z.string().trim().min(1, '请填写词语').max(20, '词语不超过20个字'),
  status: z.enum(POPULAR_TERM_STATUSES),
  sortOrder: z.coerce.number().int().min(0).max(1000).default(0),
}).strict()
export type PopularTermInput = z.output<typeof popularTermInputSchema>

export interface PopularTermView {
  id: number
  term: string
  status: PopularTermStatus
  sortOrder: number
  updatedAt: string
}

/** GET /api/search/popular-terms: the reform office's choices and what the home page shows now. */
export interface PopularTermsPage {
  items: PopularTermView[]
  /** 大家都在搜 as the home page shows it */
  shown: string[]
}

export const REFERRAL_LEVELS = ['NATIONAL', 'PROVINCE', 'CITY', 'COUNTY', 'OTHER'] as const
export type ReferralLevel = (typeof REFERRAL_LEVELS)[number]

const keyword = z.string().trim().min(1, '请填写关键词').max(30, '关键词不超过30个字')

export const referralInputSchema = z.object({
  keywords: z.array(keyword).min(1, '至少填写一个关键词').max(20, '关键词不超过20个').transform((list) => [...new Set(list)]),
  title: z.string().trim().min(1, '请填写事项名称').max(60, '事项名称不超过60个字'),
  handledBy: z.string().trim().min(1, '请填写办理机关').max(100, '办理机关不超过100个字'),
  level: z.enum(REFERRAL_LEVELS),
  note: z.string().trim().min(1, '请填写办理说明').max(500, '办理说明不超过500个字'),
  url: z.url({ protocol: /^https?$/, message: '网址应以 http:// 或 https:// 开头' }).max(300).nullish().transform((v) => v || null),
}).strict()
export type ReferralInput = z.output<typeof referralInputSchema>

export const referralPatchSchema = referralInputSchema.partial().strict()
  .refine((patch) => Object.keys(patch).length > 0, '没有要修改的内容')
export type ReferralPatch = z.output<typeof referralPatchSchema>

/** A need handled elsewhere, as search shows it. */
export interface ReferralView {
  id: number
  keywords: string[]
  title: string
  handledBy: string
  level: ReferralLevel
  note: string
  url: string | null
  /** a starting row the import loaded, not yet checked by the reform office: shown as 示例 */
  isDemo: boolean
  updatedAt: string
}
