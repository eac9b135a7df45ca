// npm start: the whole portal on one machine with nothing installed by hand. Builds the app if
// its sources changed, runs Meilisearch (unless MEILI_URL is set), migrates the database
// (PGlite unless DATABASE_URL is set), loads the real data, brings the search index up to
// date, then serves the portal until interrupted, and stops Meilisearch with it. In demo mode
// (the default; NUXT_PUBLIC_DEMO=0 turns it off) it creates the demo accounts of
// shared/demo-accounts.ts; otherwise there is no account until `npm run admin:create`.
import { spawn } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { generatePrismaClient } from './prisma-generate'
import { survivesClosedOutput } from '../server/utils/closed-output'

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..')
const log = (line: string) => console.log(`[start] ${line}`)
survivesClosedOutput()

function newestSource(entries: string[]): number {
  let newest = 0
  const walk = (p: string) => {
    if (!existsSync(p)) return
    const s = statSync(p)
    if (s.isDirectory()) {
      for (const name of readdirSync(p)) if (name !== 'generated' && name !== 'node_modules') walk(path.join(p, name))
    } else newest = Math.max(newest, s.mtimeMs)
  }
  for (const e of entries) walk(path.join(root, e))
  return newest
}

async function buildIfStale(): Promise<void> {
  const built = path.join(root, '.output/nitro.json')
  const sources = ['app.vue', 'nuxt.config.ts', 'package-lock.json', 'pages', 'components', 'composables', 'plugins', 'middleware', 'layouts', 'stores', 'server', 'shared', 'i18n', 'assets', 'public', 'modules', 'prisma/schema.prisma']
  if (existsSync(built) && statSync(built).mtimeMs >= newestSource(sources)) return
  log('building the portal (first start or changed sources; about a minute)…')
  // The build's messages pass through this process: writing to an output nobody reads any more
  // itself, the build stopped for good, waiting, and the start with it.
  const build = spawn(process.execPath, [path.join(root, 'node_modules/nuxt/bin/nuxt.mjs'), 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] })
  build.stderr!.on('data', (d: Buffer) => process.stderr.write(d))
  const code = await new Promise<number | null>((resolve) => build.once('exit', resolve))
  if (code !== 0) {
    console.error(`[start] the build failed (exit code ${code}): see its messages above`)
    process.exit(1)
  }
}

// A read-only, full, misplaced or already used data folder stops the start at once with one line
// saying what to do, before a minute of building and instead of a stack trace from PGlite or
// Meilisearch. The folder stays claimed until this process ends (the server shares the claim).
{
  const { loadConfig } = await import('../server/utils/config')
  const { checkDataDir, lockDataDir, DataDirError } = await import('../server/utils/data-dir')
  const config = loadConfig()
  if (!config.databaseUrl || !config.meiliUrl || !config.sessionPassword) {
    try {
      await checkDataDir(config.dataDir)
      lockDataDir(config.dataDir)
    } catch (error) {
      console.error(error instanceof DataDirError ? `[start] ${error.message}` : error)
      process.exit(1)
    }
  }
}

generatePrismaClient()
await buildIfStale()

const { loadConfig } = await import('../server/utils/config')
const { ensureMeilisearch, openMigratedDatabase, readDataFiles } = await import('./lib/runtime')
const { MeilisearchUnavailableError } = await import('./lib/meilisearch-process')
const { importItems } = await import('../prisma/seed/import-items')
const { applySearchSettings } = await import('../server/services/search/settings')
const { drainAll } = await import('../server/services/search/outbox')
const { indexOutdated, reindex } = await import('../server/services/search/reindex')
const { createMeiliClient } = await import('../server/utils/meili')
const { ensureDemoAccounts, disableDemoAccounts } = await import('../server/services/auth/demo-accounts')
const { ensureSessionSecret } = await import('./lib/session-secret')
const { stopMeilisearchOnSignal, superviseServer } = await import('./lib/supervise')

const demoFlag = process.env.NUXT_PUBLIC_DEMO ?? '1'
const demo = demoFlag === '1' || demoFlag === 'true'

let meili: Awaited<ReturnType<typeof ensureMeilisearch>>
try {
  meili = await ensureMeilisearch(loadConfig())
} catch (error) {
  console.error(error instanceof MeilisearchUnavailableError ? `\nMeilisearch is needed and cannot be started here.\n${error.message}\n` : error)
  process.exit(1)
}
const config = meili.config
const handOverSignals = stopMeilisearchOnSignal(meili.process, log)
log(meili.process ? `Meilisearch ${config.meiliUrl} (bundled, data in ${path.relative(root, config.dataDir)}/meilisearch)` : `Meilisearch ${config.meiliUrl}`)
log(config.databaseUrl ? 'database: PostgreSQL from DATABASE_URL' : `database: embedded PGlite in ${path.relative(root, config.pgliteDir)}`)

let db: Awaited<ReturnType<typeof openMigratedDatabase>> | undefined
try {
  db = await openMigratedDatabase(config)
  const report = await importItems(db.prisma, await readDataFiles())
  if (report.items.created || report.departments.created) {
    log(`loaded ${report.departments.created} departments, ${report.items.created} items, ${report.duties.created} duties, ${report.funds.created} special funds, ${report.dictionary.created} dictionary entries`)
  } else {
    log(`data already loaded (${report.items.existing} items)`)
  }
  if (demo) {
    const created = await ensureDemoAccounts(db.prisma)
    if (created.length) log(`demo accounts created: ${created.join(', ')} (password in README)`)
  } else {
    const disabled = await disableDemoAccounts(db.prisma)
    if (disabled.length) log(`not in demo mode: disabled the demo accounts ${disabled.join(', ')}, which still had the public demo password`)
  }
  const client = createMeiliClient(config)
  await applySearchSettings(db.prisma, client, config.meiliIndex)
  if (await indexOutdated(client, config.meiliIndex)) {
    log('search index written by an earlier version: rebuilding it from the database')
    const { documents } = await reindex(db.prisma, client, config.meiliIndex)
    log(`search index rebuilt (${documents} documents)`)
  }
  const applied = await drainAll(db.prisma, client, config.meiliIndex)
  if (applied) log(`search index brought up to date (${applied} changes)`)
} catch (error) {
  console.error(`[start] cannot start: ${(error as Error).message}`)
  await db?.close()
  await meili.process?.stop()
  process.exit(1)
}
// The embedded database admits one process at a time: hand it over to the server.
await db.close()

let sessionPassword = process.env.NUXT_SESSION_PASSWORD
if (!sessionPassword) {
  const kept = ensureSessionSecret(config.dataDir)
  sessionPassword = kept.secret
  if (kept.created) log(`session secret generated in ${path.relative(root, path.join(config.dataDir, 'session-secret'))}`)
}

const port = process.env.PORT || process.env.NITRO_PORT || '3000'
const server = spawn(process.execPath, [path.join(root, '.output/server/index.mjs')], {
  cwd: root,
  stdio: 'inherit',
  env: {
    ...process.env,
    PORT: port,
    DATA_DIR: config.dataDir,
    MEILI_URL: config.meiliUrl,
    MEILI_MASTER_KEY: config.meiliKey ?? '',
    NUXT_PUBLIC_DEMO: demo ? '1' : '0',
    NUXT_SESSION_PASSWORD: sessionPassword,
    SITE_URL: process.env.SITE_URL || `http://localhost:${port}`,
  },
})
log(`portal: http://localhost:${port}  (Ctrl+C stops the portal and Meilisearch)`)
handOverSignals()
process.exit(await superviseServer(server, meili.process, log))
