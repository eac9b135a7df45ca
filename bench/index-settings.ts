// tsx bench/index-settings.ts [items]: how long Meilisearch takes to index a one-document update
// at a given size, with the index's settings and with facet search, prefix search and proximity
// precision changed in turn (docs/SEARCH.md, "Index settings and how soon a change is searchable").
import os from 'node:os'
import path from 'node:path'
import { Meilisearch } from 'meilisearch'
import { startPostgres } from '../scripts/lib/postgres-server'
import { startMeilisearch } from '../scripts/lib/meilisearch-process'
import { readDataFiles } from '../scripts/lib/runtime'
import { Migrator } from '../prisma/migrator'
import { openDatabase } from '../server/utils/prisma'
import { loadConfig } from '../server/utils/config'
import { importItems } from '../prisma/seed/import-items'
import { scaledItemFile } from './scaled-data'
import { powerItemDocuments, dutyDocuments, fundDocuments } from '../server/services/search/documents'
import { loadSearchSettings } from '../server/services/search/settings'
import type { SearchDocument } from '../shared/search'
const N = Number(process.argv[2] ?? 20000)
const pgServer = await startPostgres()
const meiliProc = await startMeilisearch({ dbPath: path.join(os.tmpdir(), `meili-exp-${process.pid}`) })
const meili = new Meilisearch({ host: meiliProc.url, apiKey: meiliProc.masterKey })
try {
  const m = await Migrator.open({ databaseUrl: pgServer.url }); await m.deploy(); await m.dispose()
  const db = await openDatabase({ ...loadConfig({}), databaseUrl: pgServer.url })
  const files = await readDataFiles()
  await importItems(db.prisma, { ...files, itemsText: scaledItemFile(files.itemsText, N).text })
  const docs: SearchDocument[] = []
  const items = (await db.prisma.powerItem.findMany({ select: { id: true } })).map((r) => r.id)
  for (let i = 0; i < items.length; i += 2000) docs.push(...await powerItemDocuments(db.prisma, items.slice(i, i + 2000)))
  const duties = (await db.prisma.duty.findMany({ select: { id: true } })).map((r) => r.id)
  for (let i = 0; i < duties.length; i += 2000) docs.push(...await dutyDocuments(db.prisma, duties.slice(i, i + 2000)))
  const funds = (await db.prisma.specialFund.findMany({ select: { id: true } })).map((r) => r.id)
  docs.push(...await fundDocuments(db.prisma, funds))
  console.log('docs', docs.length, 'json MB', (JSON.stringify(docs).length / 2 ** 20).toFixed(1))
  const index = meili.index('x')
  await meili.createIndex('x', { primaryKey: 'id' }).waitTask()
  await index.updateSettings({ ...await loadSearchSettings(db.prisma), facetSearch: true, prefixSearch: 'indexingTime' }).waitTask({ timeout: 600_000 })
  let t = performance.now()
  const load = await index.addDocuments(docs, { primaryKey: 'id' }).waitTask({ timeout: 3_600_000, interval: 500 })
  console.log('load', load.status, Math.round(performance.now() - t), 'ms', load.duration)
  const measure = async (label: string) => {
    const ds: number[] = []
    for (let i = 0; i < 12; i++) {
      const doc = { ...docs[(i * 7919) % items.length]!, aliases: [`实验别名${i}x${Date.now() % 1e5}`] }
      const task = await index.addDocuments([doc], { primaryKey: 'id' }).waitTask({ interval: 20 })
      ds.push(new Date(task.finishedAt!).getTime() - new Date(task.startedAt!).getTime())
    }
    ds.sort((a, b) => a - b)
    console.log(label.padEnd(30), 'one-doc task ms: median', ds[6], 'max', ds[11], JSON.stringify(ds))
  }
  await measure('facet and prefix search on')
  const change = async (label: string, settings: object) => {
    t = performance.now()
    const task = await index.updateSettings(settings).waitTask({ timeout: 3_600_000, interval: 500 })
    console.log('settings', label, task.status, Math.round(performance.now() - t), 'ms', task.error?.message ?? '')
    await measure(label)
  }
  await change('facet search off', { facetSearch: false })
  await change('+ prefix search off (the portal)', { prefixSearch: 'disabled' })
  await change('facet on, prefix disabled', { facetSearch: true })
  await change('+ proximity byAttribute', { proximityPrecision: 'byAttribute' })
} finally { await meiliProc.stop(); pgServer.stop() }
process.exit(0)
