// Does search find what citizens mean? The relevance set run against the real data, the
// dictionary and the index settings the portal uses. The figures are printed for the record.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { importItems } from '../../prisma/seed/import-items'
import { drainAll } from '../../server/services/search/outbox'
import { applySearchSettings } from '../../server/services/search/settings'
import { searchItems } from '../../server/services/search/query'
import { searchQuerySchema } from '../../shared/search'
import { readDataFiles } from '../../scripts/lib/runtime'
import { createTestEnv, type TestEnv } from '../helpers/services'
import { evaluate, loadRelevanceSet } from '../relevance/evaluate'

let env: TestEnv

beforeAll(async () => {
  env = await createTestEnv()
  await importItems(env.db.prisma, await readDataFiles())
  await applySearchSettings(env.db.prisma, env.meili, env.config.meiliIndex)
  await drainAll(env.db.prisma, env.meili, env.config.meiliIndex)
})
afterAll(async () => { await env.close() })

describe('relevance on everyday queries', () => {
  it('finds the official items for at least 60 everyday phrasings and pinyin', async () => {
    const cases = await loadRelevanceSet()
    expect(cases.length).toBeGreaterThanOrEqual(60)
    const report = await evaluate(cases, (q) => searchItems(env.meili, env.db.prisma, env.config.meiliIndex, searchQuerySchema.parse(q)))
    console.log(`relevance: ${report.queries} queries, recall@5 ${(report.recallAt5 * 100).toFixed(1)}%, first result right ${(report.top1 * 100).toFixed(1)}%`)
    for (const miss of report.misses) console.log(`  missed: ${miss.query} (${miss.why}) -> ${miss.got.join(' | ') || 'nothing'}`)
    if (process.env.RELEVANCE_VERBOSE) for (const w of report.wrongFirst) console.log(`  first: ${w.query} (${w.why}) -> ${w.first}`)
    expect(report.recallAt5).toBeGreaterThanOrEqual(0.9)
  })

  it('never returns results for a query that matches nothing official', async () => {
    const result = await searchItems(env.meili, env.db.prisma, env.config.meiliIndex, searchQuerySchema.parse({ q: 'zzqxjv' }))
    expect(result.total).toBe(0)
  })
})
