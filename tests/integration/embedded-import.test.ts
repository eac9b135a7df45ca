// The embedded database (PGlite) serves one transaction at a time, so a long write holds every
// public page: a 1,500-row import once held it for 11.6 s. Written in batches, an import of the
// largest sheet accepted leaves public reads answering while it runs, and still writes all of it.
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { loadConfig } from '../../server/utils/config'
import { openMigratedDatabase } from '../../scripts/lib/runtime'
import { EMBEDDED_IMPORT_BATCH, importSheet } from '../../server/services/import/spreadsheet'
import { getPublishedPowerItem } from '../../server/services/lists/power-items'
import { SHEET_LIMITS } from '../../shared/spreadsheet'
import type { DbHandle } from '../../server/utils/prisma'
import { csvOf, HEADER, row } from '../helpers/sheets'

const dir = mkdtempSync(path.join(os.tmpdir(), 'sanzhang-embedded-'))
let handle: DbHandle

beforeAll(async () => {
  handle = await openMigratedDatabase({ ...loadConfig({}), dataDir: dir, pgliteDir: path.join(dir, 'pglite') })
})

afterAll(async () => {
  await handle?.close()
  rmSync(dir, { recursive: true, force: true })
})

it('keeps answering public reads while a 2,000-row import is written', { timeout: 600_000 }, async () => {
  const db = handle.prisma
  const department = await db.department.create({ data: { code: 'GA', name: '区公安分局', areaCode: '511602' } })
  await db.powerItem.create({ data: { code: 'PUBLIC-1', name: '普通护照签发', type: 'LICENSING', level: 'COUNTY', departmentId: department.id } })
  const user = await db.user.create({ data: { username: 'editor', displayName: '经办人', passwordHash: 'x', role: 'EDITOR', departmentId: department.id } })
  const actor = { id: user.id, username: user.username, role: 'EDITOR' as const, departmentId: department.id }
  const file = Buffer.from(csvOf([HEADER, ...Array.from({ length: SHEET_LIMITS.maxRows }, (_, i) => row(`EMBEDDED-${i}`))]))
  // The first query of each kind prepares it; that is not what is measured here.
  await getPublishedPowerItem(db, 'PUBLIC-1')
  await importSheet(db, 'power', actor, department.id, { name: '清单.csv', data: Buffer.from(csvOf([HEADER, row('WARM-UP')])) }, { dryRun: false, batchSize: EMBEDDED_IMPORT_BATCH })

  let importing = true
  const waits: number[] = []
  const reader = (async () => {
    while (importing) {
      const asked = performance.now()
      expect(await getPublishedPowerItem(db, 'PUBLIC-1')).toMatchObject({ name: '普通护照签发' })
      if (importing) waits.push(performance.now() - asked)
      await new Promise((r) => setTimeout(r, 20))
    }
  })()
  const started = performance.now()
  const report = await importSheet(db, 'power', actor, department.id, { name: '清单.csv', data: file }, { dryRun: false, batchSize: EMBEDDED_IMPORT_BATCH })
  const took = performance.now() - started
  importing = false
  await reader

  expect(report).toMatchObject({ imported: true, errors: [], counts: { ADD: SHEET_LIMITS.maxRows } })
  expect(await db.changeRequest.count()).toBe(SHEET_LIMITS.maxRows + 1)
  // Reads answered all along, each waiting for a batch at most, never for the whole import. The
  // first one also waits while the sheet is read and checked, which takes the processor, not the database.
  expect(waits.length).toBeGreaterThanOrEqual(10)
  expect(waits[0]).toBeLessThan(took / 3)
  expect(Math.max(...waits.slice(1))).toBeLessThan(took / 10)
})
