// One import of 400 new items written 5 drafts per transaction, in a process of its own, for the
// test that kills it half-way (tests/integration/spreadsheet-import.test.ts). DATABASE_URL,
// DEPARTMENT_ID and USER_ID say where and as whom.
import { openDatabase } from '../../server/utils/prisma'
import { importSheet } from '../../server/services/import/spreadsheet'
import { csvOf, HEADER, row } from './sheets'

const departmentId = Number(process.env.DEPARTMENT_ID)
const actor = { id: Number(process.env.USER_ID), username: 'editor', role: 'EDITOR' as const, departmentId }
const { prisma } = await openDatabase()
const file = Buffer.from(csvOf([HEADER, ...Array.from({ length: 400 }, (_, i) => row(`KILLED-${i}`))]))
await importSheet(prisma, 'power', actor, departmentId, { name: '清单.csv', data: file }, { dryRun: false, batchSize: 5 })
