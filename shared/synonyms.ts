// The search dictionary (同义词与俗称) as the reform office edits it: the rules both the form and
// the API apply.
import { z } from 'zod'

export const SYNONYM_KINDS = ['SYNONYM', 'COLLOQUIAL'] as const
export type SynonymKind = (typeof SYNONYM_KINDS)[number]

const term = z.string().trim().min(1, '请填写词语').max(50, '每个词语不超过50个字')

/** The same target twice adds nothing to the index; keep the first. */
const targets = z.array(term).min(1, '至少填写一个对应词').max(20, '对应词不超过20个').transform((list) => [...new Set(list)])

export const synonymInputSchema = z.object({
  term,
  targets,
  kind: z.enum(SYNONYM_KINDS),
  note: z.string().trim().max(200, '备注不超过200个字').nullish().transform((v) => v || null),
}).strict()
export type SynonymInput = z.output<typeof synonymInputSchema>

export const synonymPatchSchema = synonymInputSchema.partial().strict()
  .refine((patch) => Object.keys(patch).length > 0, '没有要修改的内容')
export type SynonymPatch = z.output<typeof synonymPatchSchema>

export const synonymQuerySchema = z.object({
  q: z.string().trim().max(50).optional(),
  kind: z.enum(SYNONYM_KINDS).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
}).strict()
export type SynonymQuery = z.output<typeof synonymQuerySchema>

export const stopWordsSchema = z.object({
  stopWords: z.array(term).max(1000, '停用词不超过1000个').transform((list) => [...new Set(list)]),
}).strict()

export interface SynonymView {
  id: number
  term: string
  targets: string[]
  kind: SynonymKind
  note: string | null
  updatedAt: string
}

export interface SynonymPage {
  total: number
  page: number
  pageSize: number
  pageCount: number
  items: SynonymView[]
}

/** What a person types in a targets or stop-words box: one word per line or separated by 、，, or spaces. */
export function splitWords(text: string): string[] {
  return text.split(/[\s、，,；;]+/).map((w) => w.trim()).filter(Boolean)
}
