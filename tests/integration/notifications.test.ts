// Commits that add search outbox rows wake the search workers through LISTEN/NOTIFY, on the
// embedded database as on PostgreSQL (search-sync.test.ts covers PostgreSQL across processes).
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadConfig } from '../../server/utils/config'
import { openDatabase } from '../../server/utils/prisma'

describe('notifications on the embedded database', () => {
  it('reach a listener when the transaction commits, and never from one rolled back', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sanzhang-notify-'))
    const db = await openDatabase({ ...loadConfig({}), dataDir: dir, pgliteDir: path.join(dir, 'pglite') })
    try {
      const heard: string[] = []
      const unlisten = await db.listen('search_outbox', () => heard.push('notified'))
      await expect(db.prisma.$transaction(async (tx) => {
        await tx.$executeRaw`SELECT pg_notify('search_outbox', '')`
        throw new Error('rolled back')
      })).rejects.toThrow('rolled back')
      await db.prisma.$transaction(async (tx) => { await tx.$executeRaw`SELECT pg_notify('search_outbox', '')` })
      await expect.poll(() => heard.length).toBe(1)
      await unlisten()
      await db.prisma.$executeRaw`SELECT pg_notify('search_outbox', '')`
      await new Promise((resolve) => setTimeout(resolve, 100))
      expect(heard).toHaveLength(1)
    } finally {
      await db.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
