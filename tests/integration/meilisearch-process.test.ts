// The bundled Meilisearch (npm start, the tests, the bench) indexes with a bounded memory: with
// its default, two thirds of the machine's, every one-document change cost it up to seconds of
// clearing that memory (docs/SEARCH.md, "The memory every task clears"). An operator's own
// MEILI_MAX_INDEXING_MEMORY wins. What the process was started with is read from /proc.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { startMeilisearch, type MeilisearchProcess } from '../../scripts/lib/meilisearch-process'

function environment(pid: number): Map<string, string> {
  const entries = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').filter(Boolean)
  return new Map(entries.map((e) => [e.slice(0, e.indexOf('=')), e.slice(e.indexOf('=') + 1)]))
}

describe('the bundled Meilisearch', () => {
  let meili: MeilisearchProcess | undefined
  let dir: string | undefined
  const saved = process.env.MEILI_MAX_INDEXING_MEMORY

  afterEach(async () => {
    await meili?.stop()
    if (dir) rmSync(dir, { recursive: true, force: true })
    if (saved === undefined) delete process.env.MEILI_MAX_INDEXING_MEMORY
    else process.env.MEILI_MAX_INDEXING_MEMORY = saved
  })

  async function start(): Promise<Map<string, string>> {
    dir = mkdtempSync(path.join(os.tmpdir(), 'sanzhang-meili-process-'))
    meili = await startMeilisearch({ dbPath: path.join(dir, 'db') })
    expect((await fetch(`${meili.url}/health`)).ok).toBe(true)
    return environment(meili.child.pid!)
  }

  it('indexes with 256 MiB, not two thirds of the machine', async () => {
    delete process.env.MEILI_MAX_INDEXING_MEMORY
    expect((await start()).get('MEILI_MAX_INDEXING_MEMORY')).toBe('256MiB')
  })

  it("takes the operator's MEILI_MAX_INDEXING_MEMORY instead", async () => {
    process.env.MEILI_MAX_INDEXING_MEMORY = '1GiB'
    expect((await start()).get('MEILI_MAX_INDEXING_MEMORY')).toBe('1GiB')
  })
})
