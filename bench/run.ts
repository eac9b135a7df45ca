// npm run bench [-- --items 100000 --seconds 10 --no-build]: builds the production portal,
// loads a city-sized data set (the real 1,135 items plus generated districts), and measures
// import, indexing, index freshness, search under load (the portal, Meilisearch directly,
// PostgreSQL ILIKE and pg_trgm side by side, all through autocannon) and server-rendered pages.
// Writes docs/BENCHMARKS.md. Asserts nothing; separate from `npm test` on purpose.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import pg from 'pg'
import { startPostgres } from '../scripts/lib/postgres-server'
import { freePort, startMeilisearch } from '../scripts/lib/meilisearch-process'
import { readDataFiles } from '../scripts/lib/runtime'
import { Migrator } from '../prisma/migrator'
import { openDatabase } from '../server/utils/prisma'
import { loadConfig, type AppConfig } from '../server/utils/config'
import { importItems } from '../prisma/seed/import-items'
import { enqueueSearchSync } from '../server/services/search/outbox'
import { engineQuery, searchRequests } from '../server/services/search/query'
import { searchContext } from '../server/services/search/context'
import { searchQuerySchema } from '../shared/search'
import { startPortal, waitForIndex } from '../tests/helpers/portal'
import { scaledItemFile } from './scaled-data'
import { load, type LoadFigures, type LoadRequest } from './load'

const { values: args } = parseArgs({
  options: {
    items: { type: 'string', default: '100000' },
    seconds: { type: 'string', default: '10' },
    'no-build': { type: 'boolean', default: false },
  },
})
const ITEMS = Number(args.items)
const SECONDS = Number(args.seconds)
if (!Number.isInteger(ITEMS) || ITEMS < 1) throw new Error('--items wants a positive whole number')
const command = `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..')
const sections: string[] = []
const log = (line: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`)
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`
const n = (x: number) => x.toLocaleString('en-US')
const since = (t: number) => performance.now() - t

function table(title: string, head: string[], rows: (string | number)[][], note = '') {
  sections.push(`## ${title}\n\n${note ? `${note}\n\n` : ''}| ${head.join(' | ')} |\n| ${head.map(() => '---').join(' | ')} |\n${rows.map((r) => `| ${r.join(' | ')} |`).join('\n')}\n`)
  console.log(`\n${title}\n${[head, ...rows].map((r) => r.join('  |  ')).join('\n')}\n`)
}

/** The process's peak resident memory (VmHWM), sampled so it is known even if the process dies. */
function peakRss(pid: number) {
  let peak = 0
  const read = () => {
    try {
      const kb = Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0)
      peak = Math.max(peak, kb)
    } catch { /* exited */ }
  }
  const timer = setInterval(read, 1000)
  return { stop: () => { read(); clearInterval(timer); return peak / 1024 } }
}

function percentiles(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b)
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
  return { p50: at(50), p95: at(95), max: sorted[sorted.length - 1]! }
}

async function startPgSearch(databaseUrl: string, mode: 'ilike' | 'trgm'): Promise<{ url: string; child: ChildProcess; stop: () => Promise<void> }> {
  const port = await freePort()
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'bench/pg-search-server.ts')], {
    cwd: root, env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), MODE: mode }, stdio: ['ignore', 'pipe', 'inherit'],
  })
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => { if (d.toString().includes('ready')) resolve() })
    child.once('exit', (code) => reject(new Error(`pg search server exited with ${code}`)))
  })
  return { url: `http://127.0.0.1:${port}`, child, stop: async () => { const gone = new Promise((r) => child.once('exit', r)); child.kill('SIGTERM'); await gone } }
}

const fmt = (f: LoadFigures) => [f.p50, f.p95, f.p99, n(f.perSecond), f.errors ? `${n(f.errors)} of ${n(f.requests)}` : '0']

log(`${ITEMS} power items, ${SECONDS} s per load run`)
const buildStarted = performance.now()
if (!args['no-build']) {
  log('building the production portal (npm run build)…')
  execFileSync('npm', ['run', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] })
}
const buildMs = since(buildStarted)

const pgServer = await startPostgres()
const meiliDir = path.join(os.tmpdir(), `sanzhang-bench-meili-${process.pid}`)
const meili = await startMeilisearch({ dbPath: meiliDir })
const config: AppConfig = { ...loadConfig({}), databaseUrl: pgServer.url, meiliUrl: meili.url, meiliKey: meili.masterKey, meiliIndex: 'items' }
const notes: string[] = []
let portalPeakMb = 0
try {
  const migrator = await Migrator.open({ databaseUrl: pgServer.url })
  await migrator.deploy()
  await migrator.dispose()
  const db = await openDatabase(config)

  // ---- Data set and import --------------------------------------------------------------
  const files = await readDataFiles()
  const scaled = scaledItemFile(files.itemsText, ITEMS)
  log(`generated ${n(scaled.records)} items in ${scaled.districts} districts (${(scaled.text.length / 2 ** 20).toFixed(1)} MB); importing…`)
  let t = performance.now()
  const report = await importItems(db.prisma, { ...files, itemsText: scaled.text, sourceName: `bench: ${scaled.records} items` })
  const importMs = since(t)
  const records = report.items.created + report.duties.created + report.funds.created + report.funds.allocations + report.boundaries.created
  const outboxRows = await db.prisma.searchOutbox.count()

  // ---- Portal start until everything is searchable (the portal's own outbox worker) --------
  t = performance.now()
  const portal = await startPortal(config)
  const rss = peakRss(portal.process.pid!)
  const portalUpMs = since(t)
  log(`portal up in ${s(portalUpMs)}; waiting for the outbox worker to index ${n(outboxRows)} rows…`)
  await waitForIndex(portal, 3_600_000)
  const indexMs = since(t)
  const stats = await (await fetch(`${meili.url}/indexes/items/stats`, { headers: { Authorization: `Bearer ${meili.masterKey}` } })).json() as { numberOfDocuments: number }
  table('Data set, import and indexing', ['what', 'figure'], [
    ['power items (real 广安区 + generated districts)', `${n(report.items.created)} (1,135 real, ${scaled.districts - 1} generated districts)`],
    ['departments, duties, funds (with allocations), duty boundaries', `${n(report.departments.created)}, ${n(report.duties.created)}, ${n(report.funds.created)} (${n(report.funds.allocations)}), ${n(report.boundaries.created)}`],
    ['import (`importItems`, what `npm run db:import -- file.json` runs; one transaction)', `${s(importMs)}: ${n(Math.round(report.items.created / (importMs / 1000)))} items/s, ${n(Math.round(records / (importMs / 1000)))} records/s`],
    ['portal start (built server answering)', s(portalUpMs)],
    ['portal start to a fully searchable index (its outbox worker, batches of 1,000)', `${s(indexMs)}: ${n(outboxRows)} outbox rows, ${n(stats.numberOfDocuments)} documents in Meilisearch, ${n(Math.round(stats.numberOfDocuments / (indexMs / 1000)))} documents/s`],
    ['production build (`npm run build`)', args['no-build'] ? 'skipped (--no-build)' : s(buildMs)],
  ])

  // ---- Freshness: a committed change until search shows it --------------------------------
  const allItems = await db.prisma.powerItem.findMany({ select: { id: true, code: true }, orderBy: { id: 'asc' } })
  const fresh: number[] = []
  for (let i = 0; i < 30; i++) {
    const item = allItems[Math.floor(((i * 7919) % 1000) / 1000 * allItems.length)]!
    const alias = `基准别名${i}x${Date.now() % 100000}`
    const started = performance.now()
    await db.prisma.$transaction(async (tx) => {
      await tx.powerItem.update({ where: { id: item.id }, data: { aliases: [alias] } })
      await enqueueSearchSync(tx, 'POWER_ITEM', [item.id])
    })
    for (;;) {
      // Other items match parts of the alias (基准, 别名): only this item with this alias counts.
      const res = await (await fetch(`${portal.url}/api/search?q=${encodeURIComponent(alias)}`)).json() as { hits: { code: string; aliases: string[] }[] }
      if (res.hits.some((h) => h.code === item.code && h.aliases.includes(alias))) break
      if (since(started) > 60_000) throw new Error(`change ${i} not visible after 60 s`)
      await new Promise((r) => setTimeout(r, 10))
    }
    fresh.push(since(started))
  }
  const freshness = percentiles(fresh)

  // ---- Search requests: relevance-set queries, a share of them with facet filters ----------
  const queries = (JSON.parse(readFileSync(path.join(root, 'tests/relevance/tuning.json'), 'utf8')) as { queries: { query: string }[] }).queries.map((q) => q.query)
  const departments = await db.prisma.department.findMany({ select: { id: true }, orderBy: { id: 'asc' } })
  const types = ['LICENSING', 'PENALTY', 'BENEFIT', 'CONFIRMATION', 'PUBLIC_SERVICE', 'INSPECTION']
  const context = await searchContext(db.prisma)
  const searches = queries.map((q, i) => {
    const params = new URLSearchParams({ q })
    // 40% of searches narrow by type, department or status (the facets of /search); some by two.
    if (i % 5 === 1) params.append('type', types[i % types.length]!)
    if (i % 5 === 2) params.append('dept', String(departments[(i * 37) % departments.length]!.id))
    if (i % 10 === 3) { params.append('type', types[(i + 1) % types.length]!); params.append('status', 'IN_FORCE') }
    return params
  })
  const portalRequests: LoadRequest[] = searches.map((p) => ({ path: `/api/search?${p}` }))
  const meiliRequests: LoadRequest[] = searches.map((p) => {
    const query = searchQuerySchema.parse({ q: p.get('q'), type: p.getAll('type'), dept: p.getAll('dept'), status: p.getAll('status') })
    return {
      method: 'POST', path: '/multi-search',
      body: JSON.stringify({ queries: searchRequests('items', query, engineQuery(query.q, context.query)).queries }),
      headers: { 'content-type': 'application/json', authorization: `Bearer ${meili.masterKey}` },
    }
  })
  const pgRequests: LoadRequest[] = searches.map((p) => ({ path: `/search?${p}` }))

  // Which queries find anything at all (no filter): the portal against a substring match.
  const finds = async (url: string) => {
    let found = 0
    for (const q of queries) {
      const res = await (await fetch(`${url}?q=${encodeURIComponent(q)}`)).json() as { total: number }
      if (res.total > 0) found++
    }
    return found
  }

  const CLIENTS = [1, 10, 50]
  const searchRows: (string | number)[][] = []
  const byTarget: Record<string, Record<number, LoadFigures>> = {}
  const measure = async (name: string, url: string, requests: LoadRequest[]) => {
    await load(url, requests, 10, Math.min(3, SECONDS))
    byTarget[name] = {}
    for (const c of CLIENTS) {
      log(`${name}, ${c} client(s)…`)
      const f = await load(url, requests, c, SECONDS)
      byTarget[name][c] = f
      searchRows.push([name, c, ...fmt(f)])
    }
  }
  await measure('portal `/api/search`', portal.url, portalRequests)
  await measure('Meilisearch `/multi-search` directly (the floor)', meili.url, meiliRequests)

  const ilike = await startPgSearch(pgServer.url, 'ilike')
  const portalFinds = await finds(`${portal.url}/api/search`)
  const ilikeFinds = await finds(`${ilike.url}/search`)
  await measure('PostgreSQL `ILIKE \'%q%\'` (no index)', ilike.url, pgRequests)
  await ilike.stop()
  const sql = new pg.Client({ connectionString: pgServer.url })
  await sql.connect()
  t = performance.now()
  await sql.query('CREATE EXTENSION IF NOT EXISTS pg_trgm')
  await sql.query('CREATE INDEX bench_power_item_name_trgm ON "PowerItem" USING gin (name gin_trgm_ops)')
  await sql.query('ANALYZE "PowerItem"')
  const trgmIndexMs = since(t)
  const trgmPlan = (await sql.query(`EXPLAIN SELECT id FROM "PowerItem" WHERE name ILIKE '%营业执照%'`)).rows.map((r: Record<string, string>) => r['QUERY PLAN']).join(' ')
  await sql.end()
  const trgm = await startPgSearch(pgServer.url, 'trgm')
  await measure('PostgreSQL pg_trgm (GIN index, ILIKE + `ORDER BY similarity`)', trgm.url, pgRequests)
  await trgm.stop()

  const portalF = byTarget['portal `/api/search`']!
  const meiliF = byTarget['Meilisearch `/multi-search` directly (the floor)']!
  table('Search under load', ['target', 'clients', 'p50 ms', 'p95 ms', 'p99 ms', 'requests/s', 'errors'], searchRows,
    `${queries.length} queries of tests/relevance/tuning.json in rotation, 40% of them with facet filters (type, department, status), each client sending its next request as soon as the last is answered, ${SECONDS} s per row after a warm-up. The portal and Meilisearch search the three lists (${n(stats.numberOfDocuments)} documents, with segmentation, synonyms, pinyin, typo tolerance and facet counts); the PostgreSQL rows search the ${n(report.items.created)} power items' names only, with a page of 20 and the total, through a 20-connection pool in a small Node server (bench/pg-search-server.ts), which is what a typical government CMS does. Queries that find anything at all (no filter): portal ${portalFinds} of ${queries.length}, substring match ${ilikeFinds} of ${queries.length}. The trigram index took ${s(trgmIndexMs)} to build; for a 4-character query PostgreSQL plans: \`${trgmPlan.replace(/\s+/g, ' ').slice(0, 160)}\`. Queries of one or two characters (护照, 低保) yield no trigram, so the index cannot narrow them.`)
  table('Portal overhead over Meilisearch', ['clients', 'p50 ratio', 'p95 ratio'], CLIENTS.map((c) => [c, `×${(portalF[c]!.p50 / meiliF[c]!.p50).toFixed(2)}`, `×${(portalF[c]!.p95 / meiliF[c]!.p95).toFixed(2)}`]))

  // ---- Server-rendered pages --------------------------------------------------------------
  const pageItems = Array.from({ length: 300 }, (_, i) => allItems[Math.floor((i / 300) * allItems.length)]!)
  const itemPages: LoadRequest[] = pageItems.map((item) => ({ path: `/items/${encodeURIComponent(item.code)}` }))
  const listPages: LoadRequest[] = [
    '/power', '/power?type=LICENSING', '/power?page=7', `/power?dept=${departments[5]!.id}`, '/power?level=COUNTY&type=PENALTY',
    '/responsibility', '/funds', `/power?dept=${departments[departments.length - 3]!.id}&page=2`, '/power?status=IN_FORCE&page=40', '/departments',
  ].map((p) => ({ path: p }))
  const pageRows: (string | number)[][] = []
  let ssr10 = { item: 0, list: 0 }
  for (const [name, requests] of [['item page `/items/<code>` (300 items across the set)', itemPages], ['list pages (`/power` with filters and pages, `/responsibility`, `/funds`, `/departments`)', listPages]] as const) {
    const sizes = await Promise.all(requests.slice(0, 10).map(async (r) => (await (await fetch(portal.url + r.path)).arrayBuffer()).byteLength))
    const kb = `${(sizes.reduce((a, b) => a + b, 0) / sizes.length / 1024).toFixed(0)} KB`
    await load(portal.url, requests, 10, Math.min(3, SECONDS))
    for (const c of [10, 50]) {
      log(`${name}, ${c} clients…`)
      const f = await load(portal.url, requests, c, SECONDS)
      if (c === 10) ssr10 = { ...ssr10, [name.startsWith('item') ? 'item' : 'list']: f.perSecond }
      pageRows.push([name, kb, c, ...fmt(f)])
    }
  }
  table('Server-rendered pages under load', ['pages', 'HTML size', 'clients', 'p50 ms', 'p95 ms', 'p99 ms', 'pages/s', 'errors'], pageRows,
    `Each page renders on the server and makes its API call inside the same process. The list pages offer at most 60 departments as filter links (DEPARTMENT_FILTER_LIMIT); the department directory /departments shows its ${n(departments.length)} departments 60 to a page. Each list page counts its filters over the whole data set on every request; how its time divides between those counts and rendering was not profiled at this scale.`)

  portalPeakMb = rss.stop()
  await portal.stop()
  await db.close()

  // ---- Targets ---------------------------------------------------------------------------
  const p95at50 = portalF[50]!.p95
  const ratio = portalF[1]!.p50 / meiliF[1]!.p50
  const verdict = (ok: boolean, missedBy: string) => (ok ? 'met' : `missed by ${missedBy}`)
  table('Targets', ['target', 'measured', 'verdict'], [
    [`search p95 < 25 ms at 50 clients (${n(report.items.created)} items)`, `${p95at50} ms`, verdict(p95at50 < 25, `${(p95at50 - 25).toFixed(1)} ms (×${(p95at50 / 25).toFixed(1)})`)],
    ['portal p50 ≤ 2 × Meilisearch p50 (1 client)', `×${ratio.toFixed(2)} (${portalF[1]!.p50} vs ${meiliF[1]!.p50} ms)`, verdict(ratio <= 2, `×${(ratio / 2).toFixed(2)}`)],
    ['index freshness p95 < 2 s', `p50 ${freshness.p50.toFixed(0)} ms, p95 ${freshness.p95.toFixed(0)} ms, max ${freshness.max.toFixed(0)} ms (30 changes)`, verdict(freshness.p95 < 2000, `${(freshness.p95 - 2000).toFixed(0)} ms`)],
    ['peak resident memory of the portal process (VmHWM)', `${portalPeakMb.toFixed(0)} MB`, '—'],
    ['server-rendered pages at 10 clients', `item pages ${ssr10.item}/s, list pages ${ssr10.list}/s`, '—'],
  ], 'Freshness: one transaction, committed by the benchmark process (not the portal), updates an item and adds its outbox row (as publishing a list version does); its NOTIFY wakes the portal\'s worker at commit, and the time runs until `/api/search` finds the new alias.')
  // Why a latency target at 50 clients can be out of reach on this machine (Little's law).
  const meiliBest = Math.max(...CLIENTS.map((c) => meiliF[c]!.perSecond))
  sections[sections.length - 1] += `\nWith 50 clients each waiting for its answer before asking again, the mean latency is 50 ÷ throughput: a p95 under 25 ms needs well over ${n(50 / 0.025)} searches/s. Here Meilisearch alone answered at most ${n(meiliBest)} searches/s (and the portal ${n(portalF[50]!.perSecond)}/s at 50 clients) while it shared the ${os.cpus().length} cores with the portal, PostgreSQL and the load generator, so at 50 clients requests queue and the latency grows with the queue, not with the data.\n`
  sections.unshift(sections.pop()!)
} finally {
  await meili.stop()
  rmSync(meiliDir, { recursive: true, force: true })
  pgServer.stop()
}

const load1 = os.loadavg()[0]!.toFixed(1)
notes.push(`Load average at the end of the run: ${load1} (on ${os.cpus().length} cores); above the core count means other work shared the machine and every figure is pessimistic.`)
writeFileSync(path.join(root, 'docs/BENCHMARKS.md'), `# Benchmarks

Measured with \`${command}\` (bench/run.ts) on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC.

Machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}, ${os.type()} ${os.release()}. PostgreSQL ${pgVersion()} (a throwaway server started by the bench, \`fsync=off\`), Meilisearch 1.21 (2 indexing threads), the production build of the portal (one process), and the load generator (autocannon, one process) all on this machine: every figure includes the load generator's and the databases' share of the same cores.

${notes.join('\n\n')}

The data set: the 1,135 real items of 广安区 (data/guangan-items.json), then the same national catalogue as other districts of Sichuan publish it (bench/scaled-data.ts: each district keeps 85-100% of the catalogue in its own departments, a third of the names recombine the subject of one real item with the action of another; deterministic, unique codes, invented area and department codes), imported with the product's own import, which generates every department's duties, accountability cases and special funds as it does for the real district.

${sections.join('\n')}
Run it again: \`npm run bench\` (100,000 items), or \`npm run bench -- --items 20000\`; \`--seconds N\` sets each load run's length (default 10), \`--no-build\` reuses \`.output/\`.
`)
log('written to docs/BENCHMARKS.md')
process.exit(0)

function pgVersion(): string {
  try {
    const bin = execFileSync('bash', ['-c', 'ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1']).toString().trim()
    return execFileSync(path.join(bin, 'postgres'), ['--version']).toString().trim().replace(/^postgres \(PostgreSQL\) /, '')
  } catch { return '(version unknown)' }
}
