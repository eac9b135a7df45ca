// npm run db:migrate:{create,deploy,check}: Prisma migrations through the wasm schema engine.
// Targets DATABASE_URL when set, otherwise the embedded PGlite database of the data folder.
import { Migrator } from '../prisma/migrator'
import { loadConfig } from '../server/utils/config'

const [command, name] = process.argv.slice(2)
const config = loadConfig()
const migrator = await Migrator.open(config.databaseUrl ? { databaseUrl: config.databaseUrl } : { pgliteDir: config.pgliteDir })
let exitCode = 0
try {
  if (command === 'deploy') {
    const applied = await migrator.deploy()
    console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date')
  } else if (command === 'create') {
    if (!name || !/^[a-z0-9_]+$/.test(name)) throw new Error('usage: npm run db:migrate:create -- <name_in_snake_case>')
    const created = await migrator.create(name)
    console.log(created ? `created prisma/migrations/${created}/migration.sql` : 'schema.prisma and the migrations agree: nothing to create')
  } else if (command === 'check') {
    const pending = await migrator.pendingSchemaChanges()
    if (pending) {
      console.error('schema.prisma has changes that no migration carries (run npm run db:migrate:create -- <name>):\n' + pending)
      exitCode = 1
    } else {
      console.log('schema.prisma and the migrations agree')
    }
  } else {
    throw new Error('usage: tsx scripts/migrate.ts create <name> | deploy | check')
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error)
  exitCode = 1
} finally {
  await migrator.dispose()
}
// The wasm engine can leave a timer running; the work is done.
process.exit(exitCode)
