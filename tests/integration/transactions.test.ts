// A transaction holds one connection of the pool: the statements Prisma sends together for one call
// (an include's relations, the parts of a statement it splits) go out on it one after the other
// (server/utils/prisma.ts), with the answers the same call gives outside a transaction.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestEnv, type TestEnv } from '../helpers/services'
import { PG_OVERLAP } from '../helpers/pg-warnings'

describe('a transaction', () => {
  let env: TestEnv
  beforeAll(async () => {
    env = await createTestEnv({ realData: true })
  })
  afterAll(async () => {
    await env?.close()
  })

  it('sends the statements of its calls one after the other on its connection, and answers as outside it', async () => {
    const warnings: string[] = []
    const listen = (warning: Error) => { warnings.push(warning.message) }
    process.on('warning', listen)
    try {
      const query = {
        where: { guide: { isNot: null } },
        include: { department: true, duties: true, lifeEventSteps: true, guide: { include: { materials: true, locations: true } } },
        orderBy: { id: 'asc' },
        take: 50,
      } as const
      const outside = await env.db.prisma.powerItem.findMany(query)
      const inside = await env.db.prisma.$transaction(async (tx) => {
        // Three calls at once as well, the first one slow: each waits for the one before.
        const [items, slept, count] = await Promise.all([tx.powerItem.findMany(query), tx.$queryRaw<{ s: string }[]>`SELECT pg_sleep(0.05)::text AS s`, tx.powerItem.count()])
        return { items, slept, count }
      })
      expect(outside).toHaveLength(50)
      expect(outside.every((item) => item.guide && item.guide.materials.length > 0 && item.department.name)).toBe(true)
      expect(inside.items).toEqual(outside)
      expect(inside.slept).toEqual([{ s: '' }])
      expect(inside.count).toBe(await env.db.prisma.powerItem.count())
      // pg warns on the next tick when a query is sent while another waits for its connection.
      await new Promise((resolve) => setImmediate(resolve))
      expect(warnings.filter((m) => PG_OVERLAP.test(m))).toEqual([])
    } finally {
      process.off('warning', listen)
    }
  })
})
