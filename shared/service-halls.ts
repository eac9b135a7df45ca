// 服务窗口: where a department receives applicants. Kept by the department's editors (their own
// department's only); a guide's 办理地点 refers to them, so a changed phone number is changed once.
import { z } from 'zod'
import { phoneSchema, webUrlSchema } from './guides'
import { recordId } from './query'

const text = (max: number) => z.string().trim().max(max, `不能超过${max}个字`)

export const serviceHallFieldsSchema = z.object({
  name: text(100).min(2, '窗口名称至少2个字'),
  address: text(200).min(4, '请填写地址（至少4个字）'),
  window: text(100).transform((v) => v || null).nullable().default(null),
  hours: text(200).min(4, '请填写办公时间'),
  phone: phoneSchema.min(5, '请填写咨询电话'),
  mapUrl: webUrlSchema.or(z.literal('')).transform((v) => v || null).nullable().default(null),
  sortOrder: z.coerce.number().int().min(0).max(1000).default(0),
}).strict()
export type ServiceHallFields = z.output<typeof serviceHallFieldsSchema>

/** A new hall is its editor's department's; the reform office and administrators name one. */
export const serviceHallCreateSchema = serviceHallFieldsSchema.extend({ departmentId: recordId.optional() }).strict()

export const serviceHallQuerySchema = z.object({ dept: recordId.optional() }).strict()
