// 一件事 as the reform office keeps them: every change is published at once (the reform office is
// the one who would approve it), versioned in RecordVersion and written to the audit log in the
// same transaction. A change names the revision it was made on, so two editors cannot overwrite
// each other; nothing is deleted, an event no longer offered is CANCELLED.
import type { Db, Prisma } from '../../utils/prisma'
import type { LifeEventFields, LifeEventRecord, LifeEventUpdate } from '../../../shared/life-events'
import { appendAudit, type AuditActor } from '../audit'
import { recordVersions } from '../history'
import { WorkflowError } from '../workflow/errors'

type Tx = Prisma.TransactionClient

const lifeEventInclude = {
  steps: { orderBy: { sortOrder: 'asc' }, include: { items: { orderBy: { sortOrder: 'asc' }, include: { powerItem: { select: { code: true, name: true } } } } } },
} as const satisfies Prisma.LifeEventInclude

type LifeEventRow = Prisma.LifeEventGetPayload<{ include: typeof lifeEventInclude }>

/** What RecordVersion keeps of an event: its fields (steps with item codes), its status and demo mark. */
export function lifeEventSnapshot(fields: LifeEventFields, status: 'IN_FORCE' | 'CANCELLED', isDemo: boolean) {
  return { ...fields, status, isDemo }
}

function lifeEventFields(row: LifeEventRow): LifeEventFields {
  return {
    slug: row.slug,
    title: row.title,
    audience: row.audience,
    summary: row.summary,
    keywords: row.keywords,
    steps: row.steps.map((s) => ({ title: s.title, note: s.note, itemCodes: s.items.map((i) => i.powerItem.code) })),
    sortOrder: row.sortOrder,
  }
}

function record(row: LifeEventRow): LifeEventRecord {
  const itemNames = Object.fromEntries(row.steps.flatMap((s) => s.items.map((i) => [i.powerItem.code, i.powerItem.name])))
  return { id: row.id, status: row.status === 'CANCELLED' ? 'CANCELLED' : 'IN_FORCE', revision: row.revision, isDemo: row.isDemo, fields: lifeEventFields(row), itemNames, updatedAt: row.updatedAt.toISOString() }
}

/** Replaces an event's steps; `itemIds` maps each code the steps name to its item. */
export async function writeLifeEventSteps(tx: Tx, lifeEventId: number, steps: LifeEventFields['steps'], itemIds: Map<string, number>): Promise<void> {
  const old = await tx.lifeEventStep.findMany({ where: { lifeEventId }, select: { id: true } })
  await tx.lifeEventStepItem.deleteMany({ where: { stepId: { in: old.map((s) => s.id) } } })
  await tx.lifeEventStep.deleteMany({ where: { lifeEventId } })
  for (const [i, step] of steps.entries()) {
    const row = await tx.lifeEventStep.create({ data: { lifeEventId, sortOrder: i, title: step.title, note: step.note } })
    await tx.lifeEventStepItem.createMany({ data: step.itemCodes.map((code, n) => ({ stepId: row.id, powerItemId: itemIds.get(code)!, sortOrder: n })) })
  }
}

/** The items the steps name, by code; an unknown or cancelled item is refused by name. */
async function resolveItems(tx: Tx, fields: LifeEventFields): Promise<Map<string, number>> {
  const codes = [...new Set(fields.steps.flatMap((s) => s.itemCodes))]
  const items = await tx.powerItem.findMany({ where: { code: { in: codes } }, select: { id: true, code: true, status: true } })
  const usable = new Map(items.filter((i) => i.status !== 'CANCELLED').map((i) => [i.code, i.id]))
  const invalid = codes.filter((c) => !usable.has(c))
  if (invalid.length) throw new WorkflowError(400, 'ITEM_INVALID', `事项 ${invalid.join('、')} 不存在或已取消`)
  return usable
}

export async function listLifeEventRecords(db: Db): Promise<LifeEventRecord[]> {
  const rows = await db.lifeEvent.findMany({ orderBy: [{ sortOrder: 'asc' }, { id: 'asc' }], include: lifeEventInclude })
  return rows.map(record)
}

export async function createLifeEvent(db: Db, actor: AuditActor, fields: LifeEventFields, requestId?: string): Promise<LifeEventRecord> {
  return db.$transaction(async (tx) => {
    if (await tx.lifeEvent.findUnique({ where: { slug: fields.slug }, select: { id: true } })) throw new WorkflowError(409, 'SLUG_TAKEN', `网址名 ${fields.slug} 已被使用`)
    const items = await resolveItems(tx, fields)
    const { steps, ...rest } = fields
    const at = new Date()
    const row = await tx.lifeEvent.create({ data: { ...rest, publishedAt: at } })
    await writeLifeEventSteps(tx, row.id, steps, items)
    const snapshot = lifeEventSnapshot(fields, 'IN_FORCE', false)
    await recordVersions(tx, 'LIFE_EVENT', [{ entityId: row.id, revision: row.revision, data: snapshot }], { action: 'ADD', at })
    await appendAudit(tx, actor, { action: 'life_event.create', entityType: 'LIFE_EVENT', entityId: row.id, after: snapshot, requestId })
    return record((await tx.lifeEvent.findUnique({ where: { id: row.id }, include: lifeEventInclude }))!)
  })
}

export async function updateLifeEvent(db: Db, actor: AuditActor, id: number, update: LifeEventUpdate, requestId?: string): Promise<LifeEventRecord> {
  return db.$transaction(async (tx) => {
    // Row lock: of two changes made on the same revision, the second sees the first's revision.
    await tx.$executeRaw`SELECT id FROM "LifeEvent" WHERE id = ${id} FOR UPDATE`
    const before = await tx.lifeEvent.findUnique({ where: { id }, include: lifeEventInclude })
    if (!before) throw new WorkflowError(404, 'LIFE_EVENT_NOT_FOUND', `没有编号为 ${id} 的一件事`)
    if (before.revision !== update.baseRevision) throw new WorkflowError(409, 'STALE_REVISION', '这件事已被他人修改，请刷新后按最新内容重新编辑')
    if (update.event.slug !== before.slug && await tx.lifeEvent.findUnique({ where: { slug: update.event.slug }, select: { id: true } })) {
      throw new WorkflowError(409, 'SLUG_TAKEN', `网址名 ${update.event.slug} 已被使用`)
    }
    const items = await resolveItems(tx, update.event)
    const { steps, ...rest } = update.event
    const at = new Date()
    // What the reform office publishes is no longer demo content.
    const row = await tx.lifeEvent.update({ where: { id }, data: { ...rest, status: update.status, isDemo: false, revision: { increment: 1 }, publishedAt: at } })
    await writeLifeEventSteps(tx, id, steps, items)
    const beforeSnapshot = lifeEventSnapshot(lifeEventFields(before), before.status === 'CANCELLED' ? 'CANCELLED' : 'IN_FORCE', before.isDemo)
    const after = lifeEventSnapshot(update.event, update.status, false)
    await recordVersions(tx, 'LIFE_EVENT', [{ entityId: id, revision: row.revision, data: after }], { action: update.status === 'CANCELLED' && before.status !== 'CANCELLED' ? 'CANCEL' : 'UPDATE', at })
    await appendAudit(tx, actor, { action: 'life_event.update', entityType: 'LIFE_EVENT', entityId: id, before: beforeSnapshot, after, requestId })
    return record((await tx.lifeEvent.findUnique({ where: { id }, include: lifeEventInclude }))!)
  })
}
