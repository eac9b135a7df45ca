// A test file fails when pg reports queries piling up on one connection, in the file's own
// process or in a portal it started: within a transaction, statements sent at once on its one
// connection (a Promise.all over `tx`, or Prisma sending an include's relations or the parts of a
// split statement together; server/utils/prisma.ts sends them one at a time). pg 8 queues them,
// and warns (once per process) when a query is sent while another already waits; pg 9 refuses them.
import { afterAll, expect } from 'vitest'
import { PG_OVERLAP, noteOverlap, overlapping } from '../helpers/pg-warnings'

process.on('warning', (warning) => {
  if (PG_OVERLAP.test(warning.message)) noteOverlap(`in "${expect.getState().currentTestName ?? 'a hook'}"`, warning.stack ?? warning.message)
})

afterAll(() => {
  expect(overlapping, 'a query was sent on a connection still running another').toEqual([])
})
