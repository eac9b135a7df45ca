// npm run bench: measures the built portal on this machine and writes docs/BENCHMARKS.md.
// Starts its own PostgreSQL, Meilisearch and portal (as the tests do), loads the real data, and
// reports figures; it asserts nothing. Separate from `npm test` on purpose.
import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Meilisearch } from 'meilisearch'
import { startPostgres } from '../scripts/lib/postgres-server'
import { startMeilisearch } from '../scripts/lib/meilisearch-process'
import { Migrator } from '../prisma/migrator'
import { openDatabase } from '../server/utils/prisma'
import { loadConfig, type AppConfig } from '../server/utils/config'
import { importItems } from '../server/services/import/import-items'
import { enqueueSearchSync } from '../server/services/search/outbox'
import { readDataFiles } from '../scripts/lib/runtime'
import { buildPortal, startPortal, waitForIndex } from '../tests/helpers/portal'
import { directSearch, measure, portalSearch, QUERIES, type LatencyFigures } from './search-latency'

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..')
const rows: string[] = []
const row = (what: string, figures: string) => { rows.push(`| ${what} | ${figures} |`); console.log(`${what}: ${figures}`) }
const latency = (f: LatencyFigures) => `p50 ${f.p50} ms, p95 ${f.p95} ms, p99 ${f.p99} ms, ${f.perSecond} req/s (${f.requests} requests, ${f.concurrency} clients)`

console.log('building the portal…')
buildPortal()
const pg = await startPostgres()
const meili = await startMeilisearch({ dbPath: path.join(os.tmpdir(), `sanzhang-bench-meili-${process.pid}`) })
const config: AppConfig = { ...loadConfig({}), databaseUrl: pg.url, meiliUrl: meili.url, meiliKey: meili.masterKey, meiliIndex: 'items' }
try {
  const migrator = await Migrator.open({ databaseUrl: pg.url })
  await migrator.deploy()
  await migrator.dispose()
  const db = await openDatabase(config)
  let started = performance.now()
  const report = await importItems(db.prisma, await readDataFiles())
  const importMs = performance.now() - started
  row('import of the real data (PostgreSQL)', `${report.items.created} items, ${report.duties.created} duties, ${report.funds.created} funds in ${(importMs / 1000).toFixed(2)} s`)

  started = performance.now()
  const portal = await startPortal(config)
  await waitForIndex(portal, 120_000)
  row('portal start to a fully searchable index', `${((performance.now() - started) / 1000).toFixed(2)} s (${(await db.prisma.searchOutbox.count())} outbox rows applied)`)

  // Freshness: a committed change until search shows it, through the portal's own worker.
  const item = await db.prisma.powerItem.findFirstOrThrow({ where: { name: '普通护照签发' } })
  const fresh: number[] = []
  for (let i = 0; i < 20; i++) {
    const alias = `基准别名${i}x${Date.now() % 100000}`
    const t = performance.now()
    await db.prisma.$transaction(async (tx) => {
      await tx.powerItem.update({ where: { id: item.id }, data: { aliases: [alias] } })
      await enqueueSearchSync(tx, 'POWER_ITEM', [item.id])
    })
    for (;;) {
      const res = await (await fetch(`${portal.url}/api/search?q=${encodeURIComponent(alias)}`)).json() as { total: number }
      if (res.total > 0) break
      await new Promise((r) => setTimeout(r, 20))
    }
    fresh.push(performance.now() - t)
  }
  fresh.sort((a, b) => a - b)
  row('index freshness (commit to visible in search)', `p50 ${fresh[10]!.toFixed(0)} ms, p95 ${fresh[18]!.toFixed(0)} ms (20 changes)`)

  const client = new Meilisearch({ host: meili.url, apiKey: meili.masterKey, requestInit: { headers: { 'Accept-Encoding': 'identity' } } })
  const direct = directSearch(client, 'items')
  for (let i = 0; i < 200; i++) await portalSearch(portal.url, QUERIES[i % QUERIES.length]!)
  for (const clients of [1, 10, 50]) {
    const requests = clients === 1 ? 1000 : 3000
    const viaPortal = await measure((i) => portalSearch(portal.url, QUERIES[i % QUERIES.length]!), requests, clients)
    const meiliOnly = await measure((i) => direct(QUERIES[i % QUERIES.length]!), requests, clients)
    row(`search through the portal API, ${clients} client(s)`, latency(viaPortal))
    row(`Meilisearch directly, same queries, ${clients} client(s)`, latency(meiliOnly))
    row(`portal overhead over Meilisearch, ${clients} client(s)`, `p50 ×${(viaPortal.p50 / meiliOnly.p50).toFixed(2)}, p95 ×${(viaPortal.p95 / meiliOnly.p95).toFixed(2)}`)
  }
  const filtered = await measure((i) => portalSearch(portal.url, QUERIES[i % QUERIES.length]!, '&type=LICENSING&status=IN_FORCE'), 2000, 10)
  row('search with facet filters (type, status), 10 clients', latency(filtered))

  const code = item.code
  const pages = await measure(async () => { const r = await fetch(`${portal.url}/items/${code}`); await r.arrayBuffer() }, 1000, 10)
  row('server-rendered item page, 10 clients', latency(pages))
  const list = await measure(async () => { const r = await fetch(`${portal.url}/power?type=LICENSING`); await r.arrayBuffer() }, 500, 10)
  row('server-rendered power list page, 10 clients', latency(list))
  const rss = Number(execFileSync('ps', ['-o', 'rss=', '-p', String(portal.process.pid)]).toString().trim())
  row('portal process resident memory after the run', `${(rss / 1024).toFixed(0)} MB`)

  await portal.stop()
  await db.close()
} finally {
  await meili.stop()
  pg.stop()
}

const cpu = os.cpus()[0]?.model ?? 'unknown CPU'
writeFileSync(path.join(root, 'docs/BENCHMARKS.md'), `# Benchmarks

Measured by \`npm run bench\` (bench/run.ts) on ${new Date().toISOString().slice(0, 10)}: ${os.cpus().length} cores (${cpu}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, the installed PostgreSQL server and Meilisearch 1.21 on the same machine, the production build of the portal, the real data (1,135 items of 广安区 with their generated duties and funds). Load comes from the same machine, so every figure includes the load generator's share of the two cores.

| what | figures |
| --- | --- |
${rows.join('\n')}

Not yet measured here (the scaled 100,000-item data set, PostgreSQL ILIKE/trigram search side by side, autocannon): see the issue "Measured speed at scale".
`)
console.log('written to docs/BENCHMARKS.md')
process.exit(0)
