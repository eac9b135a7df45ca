// What an editor may propose and what the reform office decides, validated the same way in the
// back office's forms and on the server.
import { z } from 'zod'
import { recordId } from './query'
import { ITEM_TYPE_KEYS } from './item-types'
import { itemCodeSchema } from './items'
import { ADMIN_LEVELS } from './lists'

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
export type DraftAction = keyof typeof draftPayloadSchemas

/** A draft: what to change and how. Departments come from the record, or the editor's own for new items. */
export const draftInputSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('ADD'), payload: draftPayloadSchemas.ADD }),
  z.object({ action: z.literal('UPDATE'), entityId: id, payload: draftPayloadSchemas.UPDATE }),
  z.object({ action: z.literal('ADJUST'), entityId: id, payload: draftPayloadSchemas.ADJUST }),
  z.object({ action: z.literal('RETAIN'), entityId: id, payload: draftPayloadSchemas.RETAIN }),
  z.object({ action: z.literal('CANCEL'), entityId: id, payload: draftPayloadSchemas.CANCEL }),
  z.object({ action: z.literal('DELEGATE'), entityId: id, payload: draftPayloadSchemas.DELEGATE }),
  z.object({ action: z.literal('MERGE'), entityId: id, payload: draftPayloadSchemas.MERGE }),
])
export type DraftInput = z.output<typeof draftInputSchema>

export const submitSchema = z.object({ reason: text(1000).min(4, '请写明提交理由（至少4个字）') }).strict()

export const documentNoSchema = text(100).min(3, '请填写文号，如“广安审改〔2026〕3号”')

/** The reform office's decision on a submitted change. */
export const decisionSchema = z.discriminatedUnion('outcome', [
  z.object({
    outcome: z.literal('APPROVED'),
    documentNo: documentNoSchema,
    effectiveDate: z.iso.date('生效日期格式应为 YYYY-MM-DD'),
    comment: optionalText(1000),
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
