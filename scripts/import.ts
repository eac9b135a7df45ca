// npm run db:import [-- path/to/items.json] [--demo | --without-demo]: loads the item file
// (default data/guangan-items.json) and the search dictionary. Idempotent; a malformed file is
// refused whole. The bundled district file gets the demo's 示例 content (duties, funds, service
// guides ...), as `npm start` loads it; a city's own file gets only its records unless --demo.
import { parseArgs } from 'node:util'
import { loadConfig } from '../server/utils/config'
import { importItems } from '../prisma/seed/import-items'
import { ImportFileError } from '../prisma/seed/source-file'
import { openMigratedDatabase, readDataFiles } from './lib/runtime'

const { values: flags, positionals } = parseArgs({ allowPositionals: true, options: { 'demo': { type: 'boolean' }, 'without-demo': { type: 'boolean' } } })
if (flags.demo && flags['without-demo']) {
  console.error('--demo and --without-demo exclude each other')
  process.exit(2)
}
const config = loadConfig()
let exitCode = 0
const files = await readDataFiles(positionals[0]).catch((error: Error) => {
  console.error(`cannot read the data files: ${error.message}`)
  process.exit(1)
})
const demoContent = flags.demo ?? (flags['without-demo'] ? false : positionals[0] === undefined)
const db = await openMigratedDatabase(config)
try {
  const report = await importItems(db.prisma, { ...files, demoContent })
  console.log(`imported ${files.sourceName}${demoContent ? ' with the demo content (示例)' : ''}:`)
  console.table(report)
} catch (error) {
  exitCode = 1
  console.error(error instanceof ImportFileError ? `refused: ${error.message}` : error)
} finally {
  await db.close()
}
process.exit(exitCode)
