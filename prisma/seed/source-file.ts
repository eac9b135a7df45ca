// Reading and validating the published item file (data/guangan-items.json). A malformed file is
// refused whole, with the record number and field of the first errors, before anything is written.
import { z } from 'zod'
import { itemTypeByCode, type ItemTypeKey } from '../../shared/item-types'

export class ImportFileError extends Error {
  constructor(message: string, readonly problems: string[] = []) {
    super(problems.length ? `${message}\n${problems.map((p) => `  - ${p}`).join('\n')}` : message)
    this.name = 'ImportFileError'
  }
}

const nonEmpty = z.string().trim().min(1, 'is empty')

export const sourceRecordSchema = z.object({
  department: nonEmpty.max(100),
  group: z.string().max(500).nullable(),
  name: nonEmpty.max(500),
  itemCode: nonEmpty.max(200).regex(/^[0-9A-Za-z-]+$/, 'has characters other than letters, digits and hyphens'),
  typeCode: z.string().refine((c) => itemTypeByCode(c) !== undefined, 'is not a type code of the national catalogue (01-10, 20)'),
  type: nonEmpty,
  areaCode: z.string().regex(/^\d{12}$/, 'is not a 12-digit area code'),
  deptCode: nonEmpty.max(100),
  sourceUrl: z.string().url('is not a URL').nullable().optional(),
})

export type SourceRecord = z.output<typeof sourceRecordSchema>

export interface ParsedSource {
  records: (SourceRecord & { typeKey: ItemTypeKey })[]
}

const MAX_PROBLEMS = 20

/** The text as JSON; `what` names the file in the message when it is not JSON. */
export function parseJsonFile(text: string, what: string): unknown {
  try {
    return JSON.parse(text)
  } catch (error) {
    throw new ImportFileError(`${what} is not valid JSON: ${(error as Error).message}`)
  }
}

export function parseSourceFile(text: string): ParsedSource {
  const data = parseJsonFile(text, 'the file')
  if (!Array.isArray(data)) throw new ImportFileError('the file must hold a JSON array of item records')
  if (!data.length) throw new ImportFileError('the file holds no records')
  const problems: string[] = []
  const records: ParsedSource['records'] = []
  const seen = new Map<string, number>()
  data.forEach((raw, i) => {
    const n = i + 1
    const parsed = sourceRecordSchema.safeParse(raw)
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = issue.path.join('.') || '(record)'
        problems.push(`record ${n}, field ${field}: ${issue.code === 'invalid_type' ? `expected ${(issue as { expected?: string }).expected}` : issue.message}`)
      }
      return
    }
    const record = parsed.data
    const type = itemTypeByCode(record.typeCode)!
    if (type.zh !== record.type) problems.push(`record ${n}, field type: "${record.type}" does not match type code ${record.typeCode} (${type.zh})`)
    const first = seen.get(record.itemCode)
    if (first) problems.push(`record ${n}, field itemCode: ${record.itemCode} repeats record ${first}`)
    seen.set(record.itemCode, n)
    records.push({ ...record, typeKey: type.type })
  })
  if (problems.length) {
    const shown = problems.slice(0, MAX_PROBLEMS)
    if (problems.length > MAX_PROBLEMS) shown.push(`… and ${problems.length - MAX_PROBLEMS} more`)
    throw new ImportFileError(`the file has ${problems.length} error(s); nothing was imported`, shown)
  }
  return { records }
}

/**
 * A department's code as published varies between its items (suffixes like _5143, a short
 * internal code): prefer the 18-character unified social credit code, else the most common.
 */
export function departmentCode(codes: string[]): string {
  const counts = new Map<string, number>()
  for (const code of codes) counts.set(code, (counts.get(code) ?? 0) + 1)
  const credit = [...counts.keys()].filter((c) => /^[0-9A-Z]{18}$/.test(c))
  if (credit.length) return credit.sort((a, b) => counts.get(b)! - counts.get(a)!)[0]!
  return [...counts.keys()].sort((a, b) => counts.get(b)! - counts.get(a)! || a.length - b.length)[0]!.replace(/_\d+$/, '')
}
