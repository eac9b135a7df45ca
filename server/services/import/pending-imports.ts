// An import written in several transactions (the embedded database's batches, spreadsheet.ts)
// is still all or nothing: until its last batch commits, the drafts written so far are listed in
// a Setting row, written in the same transactions as the drafts. An import that stops half-way
// (a conflict found in a later batch, or the process killed) has them withdrawn, each with its
// audit entry, so that nothing of it stays open.
import { randomUUID } from 'node:crypto'
import type { Db, Prisma } from '../../utils/prisma'
import { appendAudits, SYSTEM_ACTOR, type AuditActor } from '../audit'
import { TRANSITIONS } from '../workflow/change-requests'

type Tx = Prisma.TransactionClient

const PREFIX = 'import.pending.'

/** This process: an entry of another one (killed before it finished) is undone when found. */
const PROCESS = randomUUID()

interface Pending {
  process: string
  departmentId: number
  changeRequestIds: number[]
}

export const UNDONE_REASON = '导入没有完成，本次导入已写入的草稿全部撤回'

export function pendingImportKey(): string {
  return `${PREFIX}${randomUUID()}`
}

/** Records (in the transaction of a batch) the drafts an unfinished import has written so far. */
export async function markPending(tx: Tx, key: string, departmentId: number, changeRequestIds: number[]): Promise<void> {
  const value: Pending = { process: PROCESS, departmentId, changeRequestIds }
  await tx.setting.upsert({ where: { key }, create: { key, value: { ...value } }, update: { value: { ...value } } })
}

/** The import finished (called in the transaction of its last batch). */
export async function clearPending(tx: Tx, key: string): Promise<void> {
  await tx.setting.deleteMany({ where: { key } })
}

/** Withdraws the drafts an unfinished import wrote that are still open, and forgets the import. */
export async function undoImport(db: Db, actor: AuditActor, key: string, requestId?: string): Promise<number> {
  return db.$transaction(async (tx) => {
    const pending = (await tx.setting.findUnique({ where: { key } }))?.value as Pending | undefined
    const ids = pending?.changeRequestIds ?? []
    // Locked in id order, as every step of the workflow locks a change before it moves it.
    if (ids.length) await tx.$executeRaw`SELECT id FROM "ChangeRequest" WHERE id = ANY(${ids}) ORDER BY id FOR UPDATE`
    const before = await tx.changeRequest.findMany({ where: { id: { in: ids }, status: { in: TRANSITIONS.withdraw.from } }, orderBy: { id: 'asc' } })
    await tx.changeRequest.updateMany({ where: { id: { in: before.map((d) => d.id) } }, data: { status: 'WITHDRAWN' } })
    const after = new Map((await tx.changeRequest.findMany({ where: { id: { in: before.map((d) => d.id) } } })).map((d) => [d.id, d]))
    await appendAudits(tx, actor, before.map((draft) => ({
      action: 'draft.withdraw', entityType: 'CHANGE_REQUEST' as const, entityId: draft.id, before: draft, after: after.get(draft.id), reason: UNDONE_REASON, requestId,
    })))
    await clearPending(tx, key)
    return before.length
  })
}

/** Undoes the imports that a process before this one left unfinished; returns how many drafts were withdrawn. */
export async function undoInterruptedImports(db: Db): Promise<number> {
  const entries = await db.setting.findMany({ where: { key: { startsWith: PREFIX } } })
  let withdrawn = 0
  for (const entry of entries) {
    if ((entry.value as Partial<Pending>).process !== PROCESS) withdrawn += await undoImport(db, SYSTEM_ACTOR, entry.key)
  }
  return withdrawn
}
