// The everyday names file (data/aliases.json): the 俗称 the import gives each item it creates.
import { aliasFileSchema } from '../../server/services/search/aliases'
import { ImportFileError } from './source-file'

/** Item code → everyday names; a malformed file is refused whole, before anything is written. */
export function parseAliasFile(text: string): Map<string, string[]> {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (error) {
    throw new ImportFileError(`the everyday names file is not valid JSON: ${(error as Error).message}`)
  }
  const parsed = aliasFileSchema.safeParse(data)
  if (!parsed.success) {
    throw new ImportFileError('the everyday names file is malformed; nothing was imported',
      parsed.error.issues.slice(0, 20).map((i) => `${i.path.join('.')}: ${i.message}`))
  }
  return new Map(Object.entries(parsed.data.items).map(([code, list]) => [code, list.map((a) => a.alias)]))
}
