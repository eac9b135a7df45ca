// Does search find what citizens mean? Both parts of the relevance set run against the real data,
// the dictionary, the everyday names and the index settings the portal uses. The figures are
// printed for the record; the check part, written before the search work and never tuned on,
// must keep recall@5 at 90% or more.
import { readFile } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { searchItems } from '../../server/services/search/query'
import { searchQuerySchema } from '../../shared/search'
import { projectRoot } from '../../scripts/lib/runtime'
import { createSeededTestEnv, type TestEnv } from '../helpers/services'
import { createMeiliClient } from '../../server/utils/meili'
import { evaluate, formatReport, loadRelevanceSet, unknownNames, type RelevancePart } from '../relevance/evaluate'

let env: TestEnv
let itemNames: Set<string>
let departmentOf: Map<string, string>

beforeAll(async () => {
  env = await createSeededTestEnv()
  const items = JSON.parse(await readFile(`${projectRoot}/data/guangan-items.json`, 'utf8')) as { name: string; department: string }[]
  itemNames = new Set(items.map((i) => i.name))
  departmentOf = new Map(items.map((i) => [i.name, i.department]))
})
afterAll(async () => { await env.close() })

async function run(part: RelevancePart) {
  const cases = await loadRelevanceSet(part)
  expect(unknownNames(cases, itemNames)).toEqual([])
  // A figure of relevance, not of speed: a busy machine must not turn a slow answer into a failure.
  const meili = createMeiliClient({ ...env.config, meiliTimeoutMs: 30_000 })
  const report = await evaluate(cases, (q) => searchItems(meili, env.db.prisma, env.config.meiliIndex, searchQuerySchema.parse(q)))
  console.log(formatReport(part, report))
  return { cases, report }
}

describe('relevance on everyday queries', () => {
  // Hundreds of searches each, with the query analysis and corrections: more than the default 30 s on a busy machine.
  it('tuning part: the queries looked at while building search', { timeout: 300_000 }, async () => {
    const { cases, report } = await run('tuning')
    expect(cases.length).toBeGreaterThanOrEqual(200)
    expect(report.recallAt5).toBeGreaterThanOrEqual(0.9)
  })

  it('check part: at least 200 queries never tuned on, over every department, recall@5 at 90% or more', { timeout: 300_000 }, async () => {
    const { cases, report } = await run('check')
    expect(cases.length).toBeGreaterThanOrEqual(200)
    const covered = new Set(cases.flatMap((c) => c.expect.map((name) => departmentOf.get(name))))
    expect([...new Set(departmentOf.values())].filter((d) => !covered.has(d))).toEqual([])
    expect(report.recallAt5).toBeGreaterThanOrEqual(0.9)
  })

  it('never returns results for a query that matches nothing official', async () => {
    const result = await searchItems(env.meili, env.db.prisma, env.config.meiliIndex, searchQuerySchema.parse({ q: 'zzqxjv' }))
    expect(result.total).toBe(0)
  })
})
