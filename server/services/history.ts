// Every published state of a record, kept in RecordVersion: record timelines, field diffs, the
// public history of a record and "the list as it stood on a date" are all read from here.
import type { Db, Prisma } from '../utils/prisma'
import type { PublicHistoryEntry } from '../../shared/items'
import { diffSnapshots, type FieldChange } from '../../shared/diff'
import { insertRows, type ColumnType } from '../utils/bulk-insert'

export { diffSnapshots, type FieldChange } from '../../shared/diff'
export { endOfCityDay } from '../../shared/city-time'

type Tx = Prisma.TransactionClient
export type VersionedEntity = 'POWER_ITEM' | 'DUTY' | 'DUTY_BOUNDARY' | 'SPECIAL_FUND' | 'SERVICE_GUIDE' | 'LIFE_EVENT'
type Action = Prisma.RecordVersionCreateManyInput['action']

const RECORD_VERSION_COLUMNS: Record<string, ColumnType> = {
  entityType: '"EntityType"', entityId: 'integer', revision: 'integer', data: 'jsonb',
  validFrom: 'timestamp(3)', action: '"ChangeAction"', documentNo: 'text', reason: 'text', listVersionId: 'integer',
}

export interface VersionInput {
  entityId: number
  revision: number
  data: unknown
}

/** Records new current versions and closes the ones they replace, at the same instant. */
export async function recordVersions(tx: Tx, entityType: VersionedEntity, versions: VersionInput[], meta: { action: Action; at: Date; documentNo?: string | null; reason?: string | null; listVersionId?: number | null }): Promise<void> {
  if (!versions.length) return
  // One array parameter rather than one per record (an import closes thousands at once).
  await tx.$executeRaw`
    UPDATE "RecordVersion" SET "validTo" = ${meta.at.toISOString()}::timestamp(3)
    WHERE "entityType" = ${entityType}::"EntityType" AND "entityId" = ANY(${versions.map((v) => v.entityId)}::int[]) AND "validTo" IS NULL`
  await insertRows(tx, 'RecordVersion', RECORD_VERSION_COLUMNS, versions.map((v) => ({
    entityType,
    entityId: v.entityId,
    revision: v.revision,
    data: v.data ?? {},
    validFrom: meta.at,
    action: meta.action,
    documentNo: meta.documentNo ?? null,
    reason: meta.reason ?? null,
    listVersionId: meta.listVersionId ?? null,
  })))
}

export interface TimelineEntry {
  revision: number
  action: string
  validFrom: Date
  validTo: Date | null
  documentNo: string | null
  listVersionId: number | null
  data: Record<string, unknown>
}

/** Every published state of one record, oldest first. */
export async function timeline(db: Db, entityType: VersionedEntity, entityId: number): Promise<TimelineEntry[]> {
  const rows = await db.recordVersion.findMany({ where: { entityType, entityId }, orderBy: { revision: 'asc' } })
  return rows.map((r) => ({ revision: r.revision, action: r.action, validFrom: r.validFrom, validTo: r.validTo, documentNo: r.documentNo, listVersionId: r.listVersionId, data: r.data as Record<string, unknown> }))
}

/** The timeline with, for each version, what changed from the one before (nothing for the first). */
export async function timelineWithChanges(db: Db, entityType: VersionedEntity, entityId: number): Promise<(TimelineEntry & { changes: FieldChange[] })[]> {
  const versions = await timeline(db, entityType, entityId)
  return versions.map((v, i) => ({ ...v, changes: i === 0 ? [] : diffSnapshots(versions[i - 1]!.data, v.data) }))
}

/** Snapshot fields the public is not shown as changes: how the portal marks its own demo content. */
const UNPUBLISHED_FIELDS = new Set(['isDemo'])
/** Snapshot fields that hold an id, and the name the reader is shown instead. */
const REFERENCES: Record<string, { as: string; to: 'department' | 'item' }> = {
  departmentId: { as: 'department', to: 'department' },
  delegatedToDepartmentId: { as: 'delegatedToDepartment', to: 'department' },
  mergedIntoId: { as: 'mergedInto', to: 'item' },
  powerItemId: { as: 'powerItem', to: 'item' },
}

type Snapshot = Record<string, unknown>

/**
 * What changed between states of records, as a reader is shown it: ids by the names they point
 * to (`departmentId` and the name stored beside it are one change, `department`), the portal's
 * own markers left out. One query per kind of name for all the pairs.
 */
export async function publicDiffs(db: Db | Tx, pairs: { before: Snapshot | null; after: Snapshot }[]): Promise<FieldChange[][]> {
  // A field one of the two snapshots did not record (a name stored beside an id by one writer
  // and not another) is not a change.
  const raw = pairs.map(({ before, after }) => (before ? diffSnapshots(before, after).filter((c) => c.field in before && c.field in after) : []))
  const ids = { department: new Set<number>(), item: new Set<number>() }
  for (const change of raw.flat()) {
    const ref = REFERENCES[change.field]
    if (!ref) continue
    for (const v of [change.before, change.after]) if (typeof v === 'number') ids[ref.to].add(v)
  }
  const [departments, items] = await Promise.all([
    ids.department.size ? db.department.findMany({ where: { id: { in: [...ids.department] } }, select: { id: true, name: true } }) : [],
    ids.item.size ? db.powerItem.findMany({ where: { id: { in: [...ids.item] } }, select: { id: true, code: true, name: true } }) : [],
  ])
  const names = {
    department: new Map(departments.map((d) => [d.id, d.name])),
    item: new Map(items.map((i) => [i.id, `${i.name}（${i.code}）`])),
  }
  return raw.map((changes) => {
    const byField = new Map<string, FieldChange>()
    for (const change of changes) {
      if (UNPUBLISHED_FIELDS.has(change.field)) continue
      const ref = REFERENCES[change.field]
      if (!ref) {
        if (!byField.has(change.field)) byField.set(change.field, change)
        continue
      }
      const name = (v: unknown) => (typeof v === 'number' ? names[ref.to].get(v) ?? String(v) : null)
      byField.set(ref.as, { field: ref.as, before: name(change.before), after: name(change.after) })
    }
    return [...byField.values()]
  })
}

/** The history a public page shows: what changed from what to what, when, on which document and why; never who did it. */
export async function publicHistory(db: Db, entityType: VersionedEntity, entityId: number): Promise<PublicHistoryEntry[]> {
  const versions = await db.recordVersion.findMany({
    where: { entityType, entityId },
    orderBy: { revision: 'asc' },
    select: { revision: true, action: true, validFrom: true, documentNo: true, reason: true, data: true },
  })
  const diffs = await publicDiffs(db, versions.map((v, i) => ({ before: i === 0 ? null : versions[i - 1]!.data as Snapshot, after: v.data as Snapshot })))
  return versions.map((v, i) => ({
    revision: v.revision,
    action: v.action,
    validFrom: v.validFrom.toISOString(),
    documentNo: v.documentNo,
    reason: v.reason,
    changedFields: diffs[i]!.map((c) => c.field),
    changes: diffs[i]!,
  }))
}

/** One record as it stood at an instant: the snapshot and the published version it comes from. */
export interface StateAt<S> {
  entityId: number
  revision: number
  action: string
  validFrom: Date
  documentNo: string | null
  snapshot: S
}

/** A record as it is published now, for the records that have no history (yet). */
export interface PublishedRecord<S> {
  id: number
  revision?: number
  publishedAt: Date
  snapshot: S
}

/**
 * Every record of a list as it stood at `at`: the RecordVersion valid then (validFrom <= at <
 * validTo) of every record that has a history, plus the records that never changed since their
 * first publication and have none, if published by then (taken as they are now).
 */
export async function statesAt<S>(db: Db, entityType: VersionedEntity, at: Date, published: () => Promise<PublishedRecord<S>[]>): Promise<StateAt<S>[]> {
  const [valid, versioned, current] = await Promise.all([
    db.recordVersion.findMany({
      where: { entityType, validFrom: { lte: at }, OR: [{ validTo: null }, { validTo: { gt: at } }] },
      orderBy: { entityId: 'asc' },
      select: { entityId: true, revision: true, action: true, validFrom: true, documentNo: true, data: true },
    }),
    db.recordVersion.findMany({ where: { entityType }, distinct: ['entityId'], select: { entityId: true } }),
    published(),
  ])
  const hasHistory = new Set(versioned.map((v) => v.entityId))
  // RecordVersion.data is written from the same snapshot functions the current list uses.
  const historical = valid.map(({ data, ...version }) => ({ ...version, snapshot: data as unknown as S }))
  const unchanged = current
    .filter((r) => !hasHistory.has(r.id) && r.publishedAt <= at)
    .map((r) => ({ entityId: r.id, revision: r.revision ?? 1, action: 'ADD', validFrom: r.publishedAt, documentNo: null, snapshot: r.snapshot }))
  return [...historical, ...unchanged]
}

/**
 * Whether a record was in force, delegated or cancelled in a given state: its snapshot says so
 * when it has a status; a record without one (a duty) is cancelled by a CANCEL version.
 */
export function stateStatus(state: { action: string; snapshot: unknown }): string {
  const status = (state.snapshot as { status?: unknown } | null)?.status
  if (typeof status === 'string') return status
  return state.action === 'CANCEL' ? 'CANCELLED' : 'IN_FORCE'
}
