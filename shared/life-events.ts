// 一件事 (life events): one path through the items of several departments for what happens in a
// citizen's or a company's life (新生儿出生, 开办餐饮店 ...). Kept by the reform office.
import { z } from 'zod'
import { itemCodeSchema } from './items'
import type { OnlineLevel } from './guides'
import type { ItemStatus } from './lists'
import { LIFE_EVENT_AUDIENCES, type LifeEventAudience } from './life-event-audiences'

export { LIFE_EVENT_AUDIENCES, type LifeEventAudience } from './life-event-audiences'

const text = (max: number) => z.string().trim().max(max, `不能超过${max}个字`)

export const lifeEventSlugSchema = z.string().trim().min(2, '网址名至少2个字符').max(60, '网址名不能超过60个字符')
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, '网址名只能用小写字母、数字和连字符，如 kaiban-canyin')

export const lifeEventStepSchema = z.object({
  title: text(60).min(2, '步骤名称至少2个字'),
  /** what to do first, what the previous step gives you */
  note: text(500).transform((v) => v || null).nullable().default(null),
  itemCodes: z.array(itemCodeSchema).min(1, '每一步至少选择一个事项').max(10, '每一步最多10个事项'),
}).strict().refine((s) => new Set(s.itemCodes).size === s.itemCodes.length, { path: ['itemCodes'], message: '同一步骤中事项重复' })

export const lifeEventFieldsSchema = z.object({
  slug: lifeEventSlugSchema,
  title: text(40).min(2, '名称至少2个字'),
  audience: z.enum(LIFE_EVENT_AUDIENCES, '请选择面向个人还是法人'),
  summary: text(500).min(4, '简介至少4个字'),
  /** what citizens type for it: search shows the event above the items */
  keywords: z.array(text(20).min(2, '关键词至少2个字')).max(40, '关键词最多40个').default([]),
  steps: z.array(lifeEventStepSchema).min(1, '至少一个步骤').max(20, '最多20个步骤'),
  sortOrder: z.coerce.number().int().min(0).max(10_000).default(0),
}).strict().refine((e) => new Set(e.keywords).size === e.keywords.length, { path: ['keywords'], message: '关键词重复' })
export type LifeEventFields = z.output<typeof lifeEventFieldsSchema>

/** A change of an event names the revision it was made on: two editors cannot overwrite each other. */
export const lifeEventUpdateSchema = z.object({
  baseRevision: z.coerce.number().int().min(1).max(2_147_483_647),
  status: z.enum(['IN_FORCE', 'CANCELLED'], '请选择状态').default('IN_FORCE'),
  event: lifeEventFieldsSchema,
}).strict()
export type LifeEventUpdate = z.output<typeof lifeEventUpdateSchema>

export const lifeEventListQuerySchema = z.object({
  audience: z.enum(LIFE_EVENT_AUDIENCES).optional(),
  /** what a citizen typed: only the events it names */
  q: z.string().trim().max(100, '搜索词不能超过100个字符').optional(),
}).strict()
export type LifeEventListQuery = z.output<typeof lifeEventListQuerySchema>

/** An item on a step, with what the citizen needs to know before opening it. */
export interface LifeEventItemView {
  code: string
  name: string
  type: string
  status: ItemStatus
  department: { name: string; code: string }
  visits: number | null
  online: { level: OnlineLevel; url: string | null } | null
  promisedTimeLimitDays: number | null
}

export interface LifeEventSummary {
  slug: string
  title: string
  audience: LifeEventAudience
  summary: string
  stepCount: number
  itemCount: number
  isDemo: boolean
}

export interface LifeEventList { total: number; items: LifeEventSummary[] }

export interface LifeEventView extends LifeEventSummary {
  keywords: string[]
  steps: { title: string; note: string | null; items: LifeEventItemView[] }[]
  revision: number
  publishedAt: string
}

/** An event in the back office: every event, offered or not, with what its form edits. */
export interface LifeEventRecord {
  id: number
  status: 'IN_FORCE' | 'CANCELLED'
  revision: number
  isDemo: boolean
  fields: LifeEventFields
  /** the names of the items its steps name, by code */
  itemNames: Record<string, string>
  updatedAt: string
}
