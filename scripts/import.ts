// npm run db:import [-- path/to/items.json]: loads the item file (default data/guangan-items.json)
// and the search dictionary. Idempotent; a malformed file is refused whole.
import { loadConfig } from '../server/utils/config'
import { importItems } from '../prisma/seed/import-items'
import { ImportFileError } from '../prisma/seed/source-file'
import { openMigratedDatabase, readDataFiles } from './lib/runtime'

const config = loadConfig()
let exitCode = 0
const files = await readDataFiles(process.argv[2]).catch((error: Error) => {
  console.error(`cannot read the data files: ${error.message}`)
  process.exit(1)
})
const db = await openMigratedDatabase(config)
try {
  const report = await importItems(db.prisma, files)
  console.log(`imported ${files.sourceName}:`)
  console.table(report)
} catch (error) {
  exitCode = 1
  console.error(error instanceof ImportFileError ? `refused: ${error.message}` : error)
} finally {
  await db.close()
}
process.exit(exitCode)
