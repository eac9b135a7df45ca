// On the embedded database an import is written in batches (services/import/spreadsheet.ts); one
// that the previous process did not finish (killed half-way) is undone when the portal starts, so
// that an import stays all or nothing. Only one process uses the embedded database at a time (the
// data folder is locked), so every unfinished import found is another process's.
import { undoInterruptedImports } from '../services/import/pending-imports'
import { DataDirError } from '../utils/data-dir'

export default defineNitroPlugin(() => {
  if (loadConfig().databaseUrl) return
  void useDb()
    .then(({ prisma }) => undoInterruptedImports(prisma))
    .then((withdrawn) => { if (withdrawn) console.warn(`[import] withdrew ${withdrawn} drafts of an import the previous process did not finish`) })
    .catch((error: Error) => {
      // An unusable or busy data folder is reported by the data-dir plugin, which stops the process.
      if (!(error instanceof DataDirError)) console.error(`[import] could not undo an unfinished import: ${error.message}`)
    })
})
