// What an editor may propose and what the reform office decides, validated the same way in the
// back office's forms and on the server.
import { z } from 'zod'
import { recordId } from './query'
import { ITEM_TYPE_KEYS } from './item-types'
import { itemCodeSchema } from './items'
import { ADMIN_LEVELS, ALLOCATION_METHODS, DUTY_KINDS, type DraftEntityType } from './lists'
import { guideFieldsSchema } from './guides'

const text = (max: number) => z.string().trim().max(max, `不能超过${max}个字`)
const optionalText = (max: number) => text(max).transform((v) => v || null).nullable().default(null)

/** The fields of a power item or public service an editor keeps. */
export const powerItemFieldsSchema = z.object({
  name: text(200).min(2, '事项名称至少2个字'),
  aliases: z.array(text(30).min(1, '俗称不能为空')).max(10, '俗称最多10个').default([]),
  type: z.enum(ITEM_TYPE_KEYS, '请选择事项类型'),
  groupName: optionalText(200),
  legalBasis: optionalText(5000),
  level: z.enum(ADMIN_LEVELS, '请选择行使层级').default('COUNTY'),
  timeLimit: optionalText(100),
  fees: optionalText(500),
  contact: optionalText(100),
})
export type PowerItemFields = z.output<typeof powerItemFieldsSchema>

const id = recordId

/** What each kind of draft proposes; the back office's form validates the same payload. */
export const draftPayloadSchemas = {
  ADD: powerItemFieldsSchema.extend({ code: itemCodeSchema }),
  UPDATE: powerItemFieldsSchema,
  ADJUST: powerItemFieldsSchema,
  RETAIN: z.object({}).strict().default({}),
  CANCEL: z.object({}).strict().default({}),
  DELEGATE: z.object({ toLevel: z.enum(ADMIN_LEVELS, '请选择下放层级'), toDepartmentId: id.nullable().default(null) }).strict(),
  MERGE: z.object({ intoItemId: z.coerce.number('请选择合并到的事项').int().positive('请选择合并到的事项').max(2_147_483_647, '请选择合并到的事项') }).strict(),
} as const
export type ChangeAction = keyof typeof draftPayloadSchemas


export const recordCodeSchema = z.string().trim().min(1, '编码不能为空').max(100, '编码不能超过100个字符').regex(/^[0-9A-Za-z-]+$/, '编码只能包含字母、数字和连字符')

/** 追责情形: what happens to whom when the duty is not done. */
export const accountabilityCaseSchema = z.object({
  content: text(2000).min(4, '追责情形至少4个字'),
  basis: optionalText(2000),
})

/** The fields of a duty (责任清单) an editor keeps; accountability cases in their published order. */
export const dutyFieldsSchema = z.object({
  kind: z.enum(DUTY_KINDS, '请选择责任类别'),
  title: text(200).min(2, '责任事项名称至少2个字'),
  content: text(5000).min(4, '请填写责任内容（至少4个字）'),
  basis: optionalText(5000),
  powerItemId: z.coerce.number('请选择对应的权力事项').int().positive('请选择对应的权力事项').max(2_147_483_647, '请选择对应的权力事项').nullable().default(null),
  cases: z.array(accountabilityCaseSchema).max(30, '追责情形最多30条').default([]),
})
export type DutyFields = z.output<typeof dutyFieldsSchema>

const yearSchema = z.coerce.number('请填写年度，如 2026').int('年度应为整数').min(2000, '年度应在2000年至2100年之间').max(2100, '年度应在2000年至2100年之间')

/** The fields of a special fund (财政专项资金) an editor keeps; the amount in 万元, exact to the fen. */
const fundFieldsObject = z.object({
  name: text(200).min(2, '资金名称至少2个字'),
  year: yearSchema,
  amount: z.coerce.string().trim()
    .regex(/^\d{1,12}(\.\d{1,2})?$/, '资金规模应为数字（万元），最多两位小数')
    .refine((v) => Number(v) > 0, '资金规模应大于0')
    .transform((v) => Number(v).toFixed(2)),
  legalBasis: text(5000).min(2, '请填写设立依据'),
  purpose: text(5000).min(2, '请填写资金用途'),
  recipients: text(2000).min(2, '请填写支持对象'),
  allocationMethod: z.enum(ALLOCATION_METHODS, '请选择分配方式'),
  performanceTargets: text(5000).min(2, '请填写绩效目标'),
  periodStart: yearSchema,
  periodEnd: yearSchema,
  howToApply: text(5000).min(2, '请填写申报方式'),
})
const periodInOrder = <T extends { periodStart: number; periodEnd: number }>(v: T) => v.periodEnd >= v.periodStart
const periodIssue = { path: ['periodEnd'], message: '实施期限的结束年度不能早于开始年度' }
export const fundFieldsSchema = fundFieldsObject.refine(periodInOrder, periodIssue)
export type FundFields = z.output<typeof fundFieldsSchema>

const nothing = z.object({}).strict().default({})

/** What each kind of draft proposes, per list; the back office's form validates the same payload. */
export const payloadSchemas = {
  POWER_ITEM: draftPayloadSchemas,
  DUTY: { ADD: dutyFieldsSchema.extend({ code: recordCodeSchema }), UPDATE: dutyFieldsSchema, CANCEL: nothing },
  SPECIAL_FUND: {
    // A new year of a continuing fund names the fund's identity (资金项目编码); a new fund is its own.
    ADD: fundFieldsObject.extend({ code: recordCodeSchema, seriesCode: z.union([z.literal('').transform(() => undefined), recordCodeSchema]).optional() }).refine(periodInOrder, periodIssue),
    UPDATE: fundFieldsSchema,
    CANCEL: nothing,
  },
  // A guide is set as a whole (the first one too): entityId is its power item's id.
  SERVICE_GUIDE: { UPDATE: guideFieldsSchema },
} as const

/** The actions an editor may propose for each list: duties and funds are added, changed or cancelled. */
export const ENTITY_ACTIONS = {
  POWER_ITEM: ['ADD', 'UPDATE', 'ADJUST', 'RETAIN', 'CANCEL', 'DELEGATE', 'MERGE'],
  DUTY: ['ADD', 'UPDATE', 'CANCEL'],
  SPECIAL_FUND: ['ADD', 'UPDATE', 'CANCEL'],
  SERVICE_GUIDE: ['UPDATE'],
} as const satisfies Record<DraftEntityType, readonly ChangeAction[]>

/** The schema of one kind of proposal, for the form and the server alike. */
export function payloadSchemaFor(entityType: DraftEntityType, action: ChangeAction): z.ZodType<Record<string, unknown>> | null {
  return (payloadSchemas[entityType] as Partial<Record<ChangeAction, z.ZodType<Record<string, unknown>>>>)[action] ?? null
}

const power = z.literal('POWER_ITEM')
const powerDraftSchema = z.discriminatedUnion('action', [
  z.object({ entityType: power, action: z.literal('ADD'), payload: draftPayloadSchemas.ADD }),
  z.object({ entityType: power, action: z.literal('UPDATE'), entityId: id, payload: draftPayloadSchemas.UPDATE }),
  z.object({ entityType: power, action: z.literal('ADJUST'), entityId: id, payload: draftPayloadSchemas.ADJUST }),
  z.object({ entityType: power, action: z.literal('RETAIN'), entityId: id, payload: draftPayloadSchemas.RETAIN }),
  z.object({ entityType: power, action: z.literal('CANCEL'), entityId: id, payload: draftPayloadSchemas.CANCEL }),
  z.object({ entityType: power, action: z.literal('DELEGATE'), entityId: id, payload: draftPayloadSchemas.DELEGATE }),
  z.object({ entityType: power, action: z.literal('MERGE'), entityId: id, payload: draftPayloadSchemas.MERGE }),
])
const duty = z.literal('DUTY')
const dutyDraftSchema = z.discriminatedUnion('action', [
  z.object({ entityType: duty, action: z.literal('ADD'), payload: payloadSchemas.DUTY.ADD }),
  z.object({ entityType: duty, action: z.literal('UPDATE'), entityId: id, payload: payloadSchemas.DUTY.UPDATE }),
  z.object({ entityType: duty, action: z.literal('CANCEL'), entityId: id, payload: payloadSchemas.DUTY.CANCEL }),
], { error: '责任清单的变更只能是新增、修改或取消' })
const fund = z.literal('SPECIAL_FUND')
const fundDraftSchema = z.discriminatedUnion('action', [
  z.object({ entityType: fund, action: z.literal('ADD'), payload: payloadSchemas.SPECIAL_FUND.ADD }),
  z.object({ entityType: fund, action: z.literal('UPDATE'), entityId: id, payload: payloadSchemas.SPECIAL_FUND.UPDATE }),
  z.object({ entityType: fund, action: z.literal('CANCEL'), entityId: id, payload: payloadSchemas.SPECIAL_FUND.CANCEL }),
], { error: '专项资金的变更只能是新增、修改或取消' })

const guideDraftSchema = z.object({ entityType: z.literal('SERVICE_GUIDE'), action: z.literal('UPDATE', '办事指南的变更只能是修改'), entityId: id, payload: guideFieldsSchema })

/**
 * A draft: which list, what to change and how. Departments come from the record, or the editor's
 * own for new records. A body without `entityType` is a power item's, as before duties and funds.
 */
export const draftInputSchema = z.preprocess(
  (body) => (body && typeof body === 'object' && !Array.isArray(body) && !('entityType' in body) ? { ...body, entityType: 'POWER_ITEM' } : body),
  z.discriminatedUnion('entityType', [powerDraftSchema, dutyDraftSchema, fundDraftSchema, guideDraftSchema], { error: '请选择清单：POWER_ITEM、DUTY、SPECIAL_FUND 或 SERVICE_GUIDE' }),
)
export type DraftInput = z.output<typeof draftInputSchema>
export type DutyDraftInput = Extract<DraftInput, { entityType: 'DUTY' }>
export type FundDraftInput = Extract<DraftInput, { entityType: 'SPECIAL_FUND' }>
export type GuideDraftInput = Extract<DraftInput, { entityType: 'SERVICE_GUIDE' }>

export const submitSchema = z.object({ reason: text(1000).min(4, '请写明提交理由（至少4个字）') }).strict()

/** Many drafts submitted at once with one reason (after an import, say): all are submitted, or none. */
export const batchSubmitSchema = submitSchema.extend({
  ids: z.array(z.coerce.number().int().min(1).max(2_147_483_647)).min(1, '请至少选择一项草稿').max(500, '一次最多提交500项'),
}).strict()
export type BatchSubmitInput = z.output<typeof batchSubmitSchema>

export const documentNoSchema = text(100).min(3, '请填写文号，如“广安审改〔2026〕3号”')

/** The reform office's decision on a submitted change. */
export const decisionSchema = z.discriminatedUnion('outcome', [
  z.object({
    outcome: z.literal('APPROVED'),
    documentNo: documentNoSchema,
    effectiveDate: z.iso.date('生效日期格式应为 YYYY-MM-DD'),
    comment: optionalText(1000),
    /** published with the change (the record's history, the announcement, the feeds) */
    publicReason: text(1000).transform((v) => v || null).nullable().optional(),
  }).strict(),
  z.object({ outcome: z.literal('RETURNED'), comment: text(1000).min(4, '请写明退回意见（至少4个字）') }).strict(),
])
export type DecisionInput = z.output<typeof decisionSchema>

/** A list version gathers approved changes that take effect together. */
export const listVersionInputSchema = z.object({
  title: text(100).min(4, '请填写批次名称，如“2026年第3批调整”'),
  documentNo: documentNoSchema,
  effectiveDate: z.iso.date('生效日期格式应为 YYYY-MM-DD'),
  changeRequestIds: z.array(id).min(1, '至少选择一项已批准的变更').max(1000),
}).strict()
export type ListVersionInput = z.output<typeof listVersionInputSchema>
