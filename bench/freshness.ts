// tsx bench/freshness.ts [items] [changes]: how soon a committed change is searchable on two
// portal processes at a city's size, and where the time goes: building the change's document,
// Meilisearch's task, and the rest. Needs a built portal (npm run build). The full
// `npm run bench` measures the same end to end; this sets up faster (the index is loaded in one
// go rather than through the outbox) and prints the parts. Asserts nothing.
import os from 'node:os'
import path from 'node:path'
import { Meilisearch } from 'meilisearch'
import { startPostgres } from '../scripts/lib/postgres-server'
import { startMeilisearch } from '../scripts/lib/meilisearch-process'
import { readDataFiles } from '../scripts/lib/runtime'
import { Migrator } from '../prisma/migrator'
import { openDatabase } from '../server/utils/prisma'
import { loadConfig, type AppConfig } from '../server/utils/config'
import { importItems } from '../prisma/seed/import-items'
import { commonGuideText, documentBuilders, powerItemDocuments } from '../server/services/search/documents'
import { applySearchSettings } from '../server/services/search/settings'
import { startPortal, type Portal } from '../tests/helpers/portal'
import { scaledItemFile } from './scaled-data'
import { measureFreshness, settled } from './freshness-loop'

const ITEMS = Number(process.argv[2] ?? 100_000)
const CHANGES = Number(process.argv[3] ?? 30)
const log = (line: string) => console.log(`[freshness ${new Date().toISOString().slice(11, 19)}] ${line}`)
const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b)
const pcts = (xs: number[]) => {
  const s = sorted(xs)
  const at = (p: number) => s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!
  return `p50 ${at(50).toFixed(0)} ms, p95 ${at(95).toFixed(0)} ms, max ${s[s.length - 1]!.toFixed(0)} ms`
}
/** A duration as Meilisearch writes it ("1.2s", "35.01ms", "1m 2s"), in ms. */
const durationMs = (d: string) => [...d.matchAll(/([\d.]+)\s*(ns|µs|us|ms|s|m)\b/g)].reduce((sum, [, v, u]) => sum + Number(v) * ({ ns: 1e-6, µs: 1e-3, us: 1e-3, ms: 1, s: 1000, m: 60_000 } as Record<string, number>)[u!]!, 0)
async function timed(label: string, runs: number, fn: () => Promise<unknown>) {
  const ms: number[] = []
  for (let i = 0; i < runs; i++) { const t = performance.now(); await fn(); ms.push(performance.now() - t) }
  log(`${label}: ${pcts(ms)} (${runs} runs)`)
}

const pgServer = await startPostgres()
const meiliProc = await startMeilisearch({ dbPath: path.join(os.tmpdir(), `sanzhang-freshness-${process.pid}`) })
const config: AppConfig = { ...loadConfig({}), databaseUrl: pgServer.url, meiliUrl: meiliProc.url, meiliKey: meiliProc.masterKey, meiliIndex: 'items' }
const meili = new Meilisearch({ host: meiliProc.url, apiKey: meiliProc.masterKey })
const portals: Portal[] = []
try {
  const migrator = await Migrator.open({ databaseUrl: pgServer.url })
  await migrator.deploy()
  await migrator.dispose()
  const db = await openDatabase(config)
  const files = await readDataFiles()
  let t = performance.now()
  await importItems(db.prisma, { ...files, itemsText: scaledItemFile(files.itemsText, ITEMS).text, sourceName: `freshness: ${ITEMS} items`, demoContent: true })
  log(`imported ${ITEMS} items with the demo content in ${((performance.now() - t) / 1000).toFixed(1)} s; ${await db.prisma.serviceGuide.count()} guides, ${await db.prisma.guideMaterial.count()} materials`)
  const items = await db.prisma.powerItem.findMany({ select: { id: true, code: true }, orderBy: { id: 'asc' } })
  await timed('commonGuideText', 5, () => commonGuideText(db.prisma))
  await timed('powerItemDocuments of one item', 5, () => powerItemDocuments(db.prisma, [items[(items.length / 2) | 0]!.id]))

  // The whole index at once, without waiting between batches, so Meilisearch batches them itself.
  t = performance.now()
  await applySearchSettings(db.prisma, meili, config.meiliIndex)
  const tasks: number[] = []
  let documents = 0
  const select = { id: true } as const
  const ids = {
    POWER_ITEM: items.map((i) => i.id),
    DUTY: (await db.prisma.duty.findMany({ select })).map((r) => r.id),
    SPECIAL_FUND: (await db.prisma.specialFund.findMany({ select })).map((r) => r.id),
  }
  for (const [type, all] of Object.entries(ids) as [keyof typeof ids, number[]][]) {
    for (let i = 0; i < all.length; i += 5000) {
      const docs = await documentBuilders[type](db.prisma, all.slice(i, i + 5000))
      tasks.push((await meili.index(config.meiliIndex).addDocuments(docs, { primaryKey: 'id' })).taskUid)
      documents += docs.length
    }
  }
  for (const uid of tasks) {
    const task = await meili.tasks.waitForTask(uid, { timeout: 3_600_000, interval: 1000 })
    if (task.status !== 'succeeded') throw new Error(`indexing failed: ${task.error?.message}`)
  }
  await db.prisma.searchOutbox.updateMany({ where: { processedAt: null }, data: { processedAt: new Date() } })
  log(`indexed ${documents} documents in ${((performance.now() - t) / 1000).toFixed(1)} s`)

  // Meilisearch alone, before any portal runs: one-document updates right after the load.
  const alone: number[] = []
  for (let i = 0; i < 8; i++) {
    const [doc] = await powerItemDocuments(db.prisma, [items[(i * 7919) % items.length]!.id])
    const task = await meili.index(config.meiliIndex).addDocuments([{ ...doc!, aliases: [`直接别名${i}`] }], { primaryKey: 'id' }).waitTask({ interval: 10 })
    alone.push(new Date(task.finishedAt!).getTime() - new Date(task.startedAt!).getTime())
  }
  log(`Meilisearch alone, one-document updates after the load: ${JSON.stringify(alone)} ms`)

  portals.push(await startPortal(config), await startPortal(config))
  log(`two portals up; idle after ${((await settled(portals)) / 1000).toFixed(1)} s; ${CHANGES} changes…`)
  for (const round of [1, 2]) {
    const samples = await measureFreshness(db.prisma, portals, items, CHANGES, [...portals.map((p) => p.process.pid!), meiliProc.child.pid!])
    const recent = await meili.tasks.getTasks({ types: ['documentAdditionOrUpdate'], limit: CHANGES })
    const taskMs = recent.results.map((task) => new Date(task.finishedAt!).getTime() - new Date(task.startedAt!).getTime()).reverse()
    log(`round ${round}`)
    log(`page fresh on both:            ${pcts(samples.map((s) => s.pageMs))}`)
    log(`outbox row applied:            ${pcts(samples.map((s) => s.appliedMs))}`)
    log(`Meilisearch task (processing): ${pcts(taskMs)}`)
    log(`search finds it on both:       ${pcts(samples.map((s) => s.searchMs))}`)
    log(`in order: tasks ${JSON.stringify(taskMs)}; applied ${JSON.stringify(samples.map((s) => Math.round(s.appliedMs)))}; search ${JSON.stringify(samples.map((s) => Math.round(s.searchMs)))}`)
    log(`CPU ms of portal a, portal b, Meilisearch during each: ${JSON.stringify(samples.map((s) => s.cpuMs))}`)
    // Where Meilisearch spent the slowest tasks' time: the steps of their batch (progressTrace).
    for (const task of [...recent.results].sort((x, y) => (Date.parse(y.finishedAt!) - Date.parse(y.startedAt!)) - (Date.parse(x.finishedAt!) - Date.parse(x.startedAt!))).slice(0, 3)) {
      const batch = await (await fetch(`${meiliProc.url}/batches/${task.batchUid}`, { headers: { authorization: `Bearer ${meiliProc.masterKey}` } })).json() as { duration: string, stats: { progressTrace?: Record<string, string> } }
      const steps = Object.entries(batch.stats.progressTrace ?? {}).filter(([, d]) => durationMs(d) >= Number(process.env.STEP_MS ?? 50))
      log(`task ${task.uid} (batch ${task.batchUid}, ${batch.duration}): ${steps.map(([step, d]) => `${step} ${d}`).join('; ')}`)
    }
  }
  await db.close()
} finally {
  for (const p of portals) await p.stop()
  await meiliProc.stop()
  pgServer.stop()
}
process.exit(0)
