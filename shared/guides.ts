// The service guide (办事指南) of a power item or public service: what an applicant needs to get
// it done. One schema for the back office's form, the draft payload the server checks, the
// spreadsheet import and the published guide's shape in the API.
import { z } from 'zod'
import { recordId } from './query'
import type { ItemStatus } from './lists'

export const ONLINE_LEVELS = ['FULLY_ONLINE', 'PRE_CHECK', 'INFO_ONLY'] as const
export type OnlineLevel = (typeof ONLINE_LEVELS)[number]
export const MATERIAL_SOURCES = ['SELF', 'DEPARTMENT', 'SHARED'] as const
export type MaterialSource = (typeof MATERIAL_SOURCES)[number]
export const MATERIAL_FORMS = ['PAPER', 'ELECTRONIC', 'PAPER_OR_ELECTRONIC'] as const
export type MaterialForm = (typeof MATERIAL_FORMS)[number]

/** What the national spot checks call a vague material: it tells the applicant nothing. */
export const VAGUE_MATERIAL_NAMES = ['其他材料', '其它材料', '相关材料', '其他相关材料', '其他必要材料', '其他需要提交的材料']

const text = (max: number) => z.string().trim().max(max, `不能超过${max}个字`)
const optionalText = (max: number) => text(max).transform((v) => v || null).nullable().default(null)
const days = (label: string) => z.coerce.number(`${label}应为工作日数`).int(`${label}应为整数个工作日`).min(0, `${label}不能为负数`).max(365, `${label}不能超过365个工作日`).nullable().default(null)

/** http(s) only: a guide's links are opened by citizens, never `javascript:` or a local file. */
export const webUrlSchema = z.string().trim().max(500, '网址不能超过500个字符')
  .regex(/^https?:\/\/[^\s<>"]+$/i, '网址应以 http:// 或 https:// 开头，且不含空格')
const optionalUrl = webUrlSchema.or(z.literal('')).transform((v) => v || null).nullable().default(null)

/** A telephone number as published: digits, dashes, brackets, spaces; several separated by 、. */
export const phoneSchema = z.string().trim().max(60, '电话不能超过60个字符')
  .regex(/^[0-9０-９+\-—()（）\s、，,转/]*$/, '电话只能包含数字、连字符、括号和“转”')
const optionalPhone = phoneSchema.transform((v) => v || null).nullable().default(null)

export const guideMaterialSchema = z.object({
  name: text(100).min(2, '材料名称至少2个字'),
  required: z.boolean('请选择是否必需').default(true),
  /** the stated case in which a material that is not always required is needed */
  requiredWhen: optionalText(200),
  originalCount: z.coerce.number('份数应为数字').int('份数应为整数').min(0, '份数不能为负数').max(20, '份数不能超过20').default(0),
  copyCount: z.coerce.number('份数应为数字').int('份数应为整数').min(0, '份数不能为负数').max(20, '份数不能超过20').default(0),
  form: z.enum(MATERIAL_FORMS, '请选择材料形式').default('PAPER'),
  source: z.enum(MATERIAL_SOURCES, '请选择材料来源').default('SELF'),
  issuedBy: optionalText(100),
  sampleUrl: optionalUrl,
  note: optionalText(500),
}).strict().superRefine((m, ctx) => {
  if (!m.required && !m.requiredWhen) ctx.addIssue({ code: 'custom', path: ['requiredWhen'], message: '非必需的材料请写明在什么情形下需要' })
  if (m.source === 'DEPARTMENT' && !m.issuedBy) ctx.addIssue({ code: 'custom', path: ['issuedBy'], message: '部门出具的材料请写明出具部门' })
  if (m.source !== 'SHARED' && m.form !== 'ELECTRONIC' && m.originalCount + m.copyCount === 0) {
    ctx.addIssue({ code: 'custom', path: ['originalCount'], message: '请写明原件或复印件的份数' })
  }
})
export type GuideMaterial = z.output<typeof guideMaterialSchema>

export const guideStepSchema = z.object({
  title: text(50).min(2, '环节名称至少2个字'),
  description: optionalText(1000),
}).strict()
export type GuideStep = z.output<typeof guideStepSchema>

export const guideFaqSchema = z.object({
  question: text(200).min(4, '问题至少4个字'),
  answer: text(2000).min(2, '请填写回答'),
}).strict()
export type GuideFaq = z.output<typeof guideFaqSchema>

/** 设定依据: the law and its article, so a reader can look it up. */
export const guideLegalBasisSchema = z.object({
  law: text(200).min(2, '请填写法律法规名称'),
  article: optionalText(200),
}).strict()
export type GuideLegalBasis = z.output<typeof guideLegalBasisSchema>

/** The fields of a guide an editor keeps; the halls by id (the department's service halls). */
export const guideFieldsObject = z.object({
  conditions: z.array(text(500).min(2, '受理条件至少2个字')).max(30, '受理条件最多30条').default([]),
  materials: z.array(guideMaterialSchema).max(60, '申请材料最多60项').default([]),
  steps: z.array(guideStepSchema).max(20, '办理流程最多20个环节').default([]),
  hallIds: z.array(recordId).max(10, '办理地点最多10处').default([]),
  legalTimeLimitDays: days('法定时限'),
  promisedTimeLimitDays: days('承诺时限'),
  /** null: the guide says nothing about fees; true: 不收费 */
  feeFree: z.boolean('请选择是否收费').nullable().default(null),
  feeStandard: optionalText(500),
  feeBasis: optionalText(500),
  visits: z.coerce.number('请填写到现场次数').int('到现场次数应为整数').min(0, '到现场次数不能为负数').max(10, '到现场次数不能超过10次'),
  onlineLevel: z.enum(ONLINE_LEVELS, '请选择网上办理深度').nullable().default(null),
  onlineUrl: optionalUrl,
  consultPhone: optionalPhone,
  complaintPhone: optionalPhone,
  resultName: optionalText(100),
  faqs: z.array(guideFaqSchema).max(30, '常见问题最多30条').default([]),
  legalBasis: z.array(guideLegalBasisSchema).max(20, '设定依据最多20条').default([]),
}).strict()

/** Checks across fields, with the field each message belongs to. */
function checkGuide(g: z.output<typeof guideFieldsObject>, ctx: z.RefinementCtx) {
  if (g.legalTimeLimitDays !== null && g.promisedTimeLimitDays !== null && g.promisedTimeLimitDays > g.legalTimeLimitDays) {
    ctx.addIssue({ code: 'custom', path: ['promisedTimeLimitDays'], message: '承诺时限不能长于法定时限' })
  }
  if (g.feeFree === false && !g.feeStandard) ctx.addIssue({ code: 'custom', path: ['feeStandard'], message: '收费的事项请写明收费标准' })
  if (g.feeFree === false && !g.feeBasis) ctx.addIssue({ code: 'custom', path: ['feeBasis'], message: '收费的事项请写明收费依据' })
  if (g.onlineLevel && g.onlineLevel !== 'INFO_ONLY' && !g.onlineUrl) ctx.addIssue({ code: 'custom', path: ['onlineUrl'], message: '可网上办理的事项请填写办理网址' })
  if (g.onlineUrl && !g.onlineLevel) ctx.addIssue({ code: 'custom', path: ['onlineLevel'], message: '填写了网址，请选择网上办理深度' })
  if (g.onlineLevel === 'FULLY_ONLINE' && g.visits > 0) ctx.addIssue({ code: 'custom', path: ['visits'], message: '全程网办的事项到现场次数应为0' })
  const names = new Set<string>()
  g.materials.forEach((m, i) => {
    if (names.has(m.name)) ctx.addIssue({ code: 'custom', path: ['materials', i, 'name'], message: `材料“${m.name}”重复` })
    names.add(m.name)
  })
  if (new Set(g.hallIds).size !== g.hallIds.length) ctx.addIssue({ code: 'custom', path: ['hallIds'], message: '办理地点重复' })
}

export const guideFieldsSchema = guideFieldsObject.superRefine(checkGuide)
export type GuideFields = z.output<typeof guideFieldsSchema>

/**
 * A guide as RecordVersion keeps it and the review diff compares it: the payload's fields with
 * the halls named, so that a reader of the history sees where, not an id.
 */
export type GuideSnapshot = Omit<GuideFields, 'hallIds'> & {
  itemCode: string
  locations: { hallId: number; name: string }[]
  isDemo: boolean
}

/** 收费 as the API gives it; null when the guide states nothing. */
export interface GuideFee { free: boolean; standard: string | null; basis: string | null }

export interface ServiceHallView {
  id: number
  name: string
  address: string
  window: string | null
  hours: string
  phone: string
  mapUrl: string | null
  isDemo: boolean
}

/** A published guide as the item page and GET /api/v1/power-items/{code} give it. */
export interface GuideView {
  conditions: string[]
  materials: GuideMaterial[]
  steps: GuideStep[]
  locations: (ServiceHallView & { hallId: number })[]
  legalTimeLimitDays: number | null
  promisedTimeLimitDays: number | null
  fee: GuideFee | null
  visits: number
  online: { level: OnlineLevel; url: string | null } | null
  consultPhone: string | null
  complaintPhone: string | null
  resultName: string | null
  faqs: GuideFaq[]
  legalBasis: GuideLegalBasis[]
  isDemo: boolean
  revision: number
  publishedAt: string
}

/** What a guide lacks, as the national spot checks count it; the workspace filters by these. */
export const GUIDE_GAPS = ['NO_GUIDE', 'NO_MATERIALS', 'NO_TIME_LIMIT', 'NO_FEE', 'VAGUE_MATERIAL', 'NO_LOCATION'] as const
export type GuideGap = (typeof GUIDE_GAPS)[number]

export function guideGaps(guide: { materials: { name: string }[]; legalTimeLimitDays: number | null; promisedTimeLimitDays: number | null; feeFree: boolean | null; locations?: unknown[]; hallIds?: unknown[] } | null): GuideGap[] {
  if (!guide) return ['NO_GUIDE']
  const gaps: GuideGap[] = []
  if (!guide.materials.length) gaps.push('NO_MATERIALS')
  if (guide.legalTimeLimitDays === null && guide.promisedTimeLimitDays === null) gaps.push('NO_TIME_LIMIT')
  if (guide.feeFree === null) gaps.push('NO_FEE')
  if (guide.materials.some((m) => VAGUE_MATERIAL_NAMES.includes(m.name.trim()))) gaps.push('VAGUE_MATERIAL')
  if (!(guide.locations ?? guide.hallIds ?? []).length) gaps.push('NO_LOCATION')
  return gaps
}

export interface GuideWorkspaceRow {
  id: number
  code: string
  name: string
  type: string
  status: ItemStatus
  department: { id: number; name: string }
  hasGuide: boolean
  isDemo: boolean
  gaps: GuideGap[]
  openRequest: { id: number; status: string } | null
}

export interface GuideWorkspacePage {
  total: number
  page: number
  pageCount: number
  /** how many of the department's items lack each thing, whatever the filter */
  gapCounts: Record<GuideGap, number>
  items: GuideWorkspaceRow[]
}

/** What the guide form of one item starts from: the published guide (or none) and the halls it may name. */
export interface GuideWorkspaceItem extends GuideWorkspaceRow {
  guide: GuideFields | null
  revision: number
  halls: ServiceHallView[]
}
