// A test file fails when pg reports queries piling up on one of its connections: within a
// transaction, statements sent at once on its one connection (a Promise.all over `tx`, or Prisma
// splitting a statement with more parameters than it allows and sending the parts together).
// pg 8 queues them, and warns (once per process) when a query is sent while another already waits
// for the one running; pg 9 refuses them.
import { afterAll, expect } from 'vitest'

const overlapping: string[] = []
process.on('warning', (warning) => {
  if (/already executing a query/.test(warning.message)) overlapping.push(`in "${expect.getState().currentTestName ?? 'a hook'}": ${warning.stack ?? warning.message}`)
})

afterAll(() => {
  expect(overlapping, 'a query was sent on a connection still running another').toEqual([])
})
