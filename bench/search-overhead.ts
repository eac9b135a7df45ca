// tsx bench/search-overhead.ts [items]: what the portal adds to Meilisearch on a search nothing
// has cached (1 client): p50 of both, and a CPU profile of the portal process (in /tmp/search-prof).
import os from 'node:os'
import path from 'node:path'
import { readFileSync, rmSync } from 'node:fs'
import { startPostgres } from '../scripts/lib/postgres-server'
import { startMeilisearch } from '../scripts/lib/meilisearch-process'
import { readDataFiles } from '../scripts/lib/runtime'
import { Migrator } from '../prisma/migrator'
import { openDatabase } from '../server/utils/prisma'
import { loadConfig, type AppConfig } from '../server/utils/config'
import { importItems } from '../prisma/seed/import-items'
import { scaledItemFile } from './scaled-data'
import { startPortal, waitForIndex } from '../tests/helpers/portal'
import { alternate, load } from './load'
import { settled } from './freshness-loop'
import { distinctSearches, searchQueryString, type SearchParams } from './workload'
import { searchContext } from '../server/services/search/context'
import { engineQuery, searchItems, searchRequests } from '../server/services/search/query'
import { Meilisearch } from 'meilisearch'
import { nodeHttpClient } from '../server/utils/meili-http'
import { searchQuerySchema } from '../shared/search'
import { markSearchIndexChanged } from '../server/services/cache-generation'

const N = Number(process.argv[2] ?? 1135)
const PROF = '/tmp/search-prof'
rmSync(PROF, { recursive: true, force: true })
const pg = await startPostgres()
const meili = await startMeilisearch({ dbPath: path.join(os.tmpdir(), `meili-ovh-${process.pid}`) })
const config: AppConfig = { ...loadConfig({}), databaseUrl: pg.url, meiliUrl: meili.url, meiliKey: meili.masterKey, meiliIndex: 'items' }
try {
  const m = await Migrator.open({ databaseUrl: pg.url }); await m.deploy(); await m.dispose()
  const db = await openDatabase(config)
  const files = await readDataFiles()
  const itemsText = N === 1135 ? files.itemsText : scaledItemFile(files.itemsText, N).text
  await importItems(db.prisma, { ...files, itemsText })
  const portal = await startPortal(config, {}, process.env.PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${PROF}`] : [])
  await waitForIndex(portal, 3_600_000)
  const relevance = (JSON.parse(readFileSync('tests/relevance/tuning.json', 'utf8')) as { queries: { query: string }[] }).queries.map((q) => q.query)
  const distinct = distinctSearches({ relevance, dictionaryText: files.dictionaryText, itemsText: files.itemsText }, 2500)
  const context = await searchContext(db.prisma)
  const toMeili = (p: SearchParams) => {
    const query = searchQuerySchema.parse({ q: p.q, type: p.type ? [p.type] : [], status: p.status ? [p.status] : [], page: p.page })
    return { method: 'POST' as const, path: '/multi-search', body: JSON.stringify({ queries: searchRequests('items', query, engineQuery(query.q, context.query)).queries }), headers: { 'content-type': 'application/json', authorization: `Bearer ${meili.masterKey}` } }
  }
  const toPortal = (p: SearchParams) => ({ path: `/api/search?${searchQueryString(p)}`, headers: { 'accept-encoding': 'gzip, deflate, br' } })
  await load(portal.url, distinct.slice(-200).map(toPortal), 1, 2)
  await load(meili.url, distinct.slice(-200).map(toMeili), 1, 2)
  await markSearchIndexChanged(db.prisma)
  await settled([portal], 120_000, [meili.child.pid!])
  const seconds = Number(process.env.SECONDS ?? 10)
  const p = await load(portal.url, distinct.map(toPortal), 1, seconds)
  if (process.env.PROFILE) {
    await portal.stop()
    await db.close()
    console.log(`portal p50 ${p.p50} p95 ${p.p95}; profile of the portal's whole run in ${PROF} (the last ${seconds} s are the searches)`)
  } else {
    // The same searches: the portal's run reached the first p.requests of them.
    const q = await load(meili.url, distinct.slice(0, p.requests).map(toMeili), 1, seconds)
    console.log(`one after the other: portal p50 ${p.p50} p95 ${p.p95} (${p.requests} requests, hit rate ${p.hitRate}); meili p50 ${q.p50} p95 ${q.p95}; ×${(p.p50 / q.p50).toFixed(2)}`)
    await markSearchIndexChanged(db.prisma)
    await new Promise((r) => setTimeout(r, 300))
    const [ap, aq] = await alternate({ baseUrl: portal.url, requests: distinct.map(toPortal) }, { baseUrl: meili.url, requests: distinct.map(toMeili) }, 2 * seconds)
    console.log(`in turn: portal p50 ${ap.p50} p95 ${ap.p95} (${ap.requests} requests, hit rate ${ap.hitRate}); meili p50 ${aq.p50} p95 ${aq.p95}; ×${(ap.p50 / aq.p50).toFixed(2)}`)
    {
      const sizes: number[] = []
      let parseMs = 0
      for (const d of distinct.slice(0, 200)) {
        const r = toMeili(d)
        const text = await (await fetch(meili.url + r.path, { method: 'POST', body: r.body, headers: { ...r.headers, 'accept-encoding': 'identity' } })).text()
        sizes.push(text.length)
        const t = performance.now(); JSON.parse(text); parseMs += performance.now() - t
      }
      sizes.sort((x, y) => x - y)
      console.log(`Meilisearch answers: median ${sizes[100]} characters, largest ${sizes[199]}; JSON.parse ${(parseMs / 200).toFixed(2)} ms on average`)
    }
    // The same, in this process: the portal's searchItems against the bare multi-search.
    const client = new Meilisearch({ host: meili.url, apiKey: meili.masterKey, requestInit: { headers: { 'Accept-Encoding': 'identity' } } })
    let calls = 0
    const counted = new Proxy(client, { get: (t, k, r) => (k === 'multiSearch' ? (...a: unknown[]) => { calls++; return (t.multiSearch as (...x: unknown[]) => unknown).apply(t, a) } : Reflect.get(t, k, r)) })
    const viaHttp = new Meilisearch({ host: meili.url, apiKey: meili.masterKey, requestInit: { headers: { 'Accept-Encoding': 'identity' } }, httpClient: nodeHttpClient })
    const bareHttp: number[] = []
    const bare: number[] = []
    const full: number[] = []
    let twice = 0
    for (const d of distinct.slice(0, 600)) {
      const query = searchQuerySchema.parse({ q: d.q, type: d.type ? [d.type] : [], status: d.status ? [d.status] : [], page: d.page })
      let t = performance.now()
      await client.multiSearch({ queries: searchRequests('items', query, engineQuery(query.q, context.query)).queries })
      bare.push(performance.now() - t)
      t = performance.now()
      await viaHttp.multiSearch({ queries: searchRequests('items', query, engineQuery(query.q, context.query)).queries })
      bareHttp.push(performance.now() - t)
      calls = 0
      t = performance.now()
      await searchItems(counted, db.prisma, 'items', query)
      full.push(performance.now() - t)
      if (calls > 1) twice++
    }
    const med = (x: number[]) => [...x].sort((a, b) => a - b)[Math.floor(x.length / 2)]!.toFixed(2)
    console.log(`in process: bare multi-search p50 ${med(bare)} ms (node:http ${med(bareHttp)} ms), searchItems p50 ${med(full)} ms; ${twice} of ${full.length} searches asked Meilisearch twice (a correction)`)
    await portal.stop()
    await db.close()
  }
} finally { await meili.stop(); pg.stop() }
process.exit(0)
