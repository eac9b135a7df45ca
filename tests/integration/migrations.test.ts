// Migrations are created and applied without the native Prisma engine, on a real PostgreSQL
// server and on the embedded PGlite, and the suite fails when schema.prisma drifts from them.
import { mkdtempSync, rmSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { Migrator, schemaPath } from '../../prisma/migrator'
import { createDatabase } from '../helpers/services'

async function tables(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  const { rows } = await client.query<{ tablename: string }>(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`)
  await client.end()
  return rows.map((r) => r.tablename)
}

describe('migrations', () => {
  it('schema.prisma and prisma/migrations agree', async () => {
    const migrator = await Migrator.open({ databaseUrl: await createDatabase() })
    try {
      expect(await migrator.pendingSchemaChanges()).toBe('')
    } finally {
      await migrator.dispose()
    }
  })

  it('notices a schema change that no migration carries', async () => {
    const drifted = (await readFile(schemaPath, 'utf8')).replace('model Setting {', 'model Setting {\n  note String?')
    const migrator = await Migrator.open({ databaseUrl: await createDatabase() }, { schemaText: drifted })
    try {
      expect(await migrator.pendingSchemaChanges()).toMatch(/ALTER TABLE "Setting" ADD COLUMN\s+"note" TEXT/)
    } finally {
      await migrator.dispose()
    }
  })

  it('deploys to an empty PostgreSQL database once, then has nothing left to apply', async () => {
    const url = await createDatabase()
    const migrator = await Migrator.open({ databaseUrl: url })
    try {
      expect(await migrator.unapplied()).not.toEqual([])
      const applied = await migrator.deploy()
      expect(applied.length).toBeGreaterThan(0)
      expect(await migrator.deploy()).toEqual([])
      expect(await migrator.unapplied()).toEqual([])
    } finally {
      await migrator.dispose()
    }
    expect(await tables(url)).toEqual(expect.arrayContaining(['PowerItem', 'Department', 'AuditEntry', 'SearchOutbox', 'SpecialFund', 'ChangeRequest', 'ListVersion', '_prisma_migrations']))
  })

  it('deploys the same migrations to the embedded PGlite database', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sanzhang-pglite-'))
    try {
      const migrator = await Migrator.open({ pgliteDir: path.join(dir, 'db') })
      try {
        expect((await migrator.deploy()).length).toBeGreaterThan(0)
        expect(await migrator.deploy()).toEqual([])
      } finally {
        await migrator.dispose()
      }
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
