// The search dictionary file (data/search-dictionary.json): colloquial terms, synonyms and stop
// words the reform office starts from and edits later in the back office.
import { z } from 'zod'
import { ImportFileError, parseJsonFile } from './source-file'

const term = z.string().trim().min(1).max(50)

export const dictionarySchema = z.object({
  source: z.string().optional(),
  stopWords: z.array(term).max(1000),
  entries: z.array(z.object({
    term,
    targets: z.array(term).min(1).max(20),
    kind: z.enum(['SYNONYM', 'COLLOQUIAL']),
    note: z.string().max(200).optional(),
  })).max(10_000),
})

export type Dictionary = z.output<typeof dictionarySchema>

export function parseDictionary(text: string): Dictionary {
  const parsed = dictionarySchema.safeParse(parseJsonFile(text, 'the dictionary'))
  if (!parsed.success) {
    throw new ImportFileError('the dictionary is malformed; nothing was imported',
      parsed.error.issues.slice(0, 20).map((i) => `${i.path.join('.')}: ${i.message}`))
  }
  const seen = new Set<string>()
  const duplicates = parsed.data.entries.filter((e) => (seen.has(e.term) ? true : (seen.add(e.term), false))).map((e) => e.term)
  if (duplicates.length) throw new ImportFileError('the dictionary repeats terms; nothing was imported', duplicates.slice(0, 20).map((t) => `term ${t}`))
  return parsed.data
}
