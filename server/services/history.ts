// Every published state of a record, kept in RecordVersion: the item timeline, field diffs and
// "the list as it stood on a date" are all read from here.
import type { Db, Prisma } from '../utils/prisma'
import { toJsonValue } from './audit'

export { diffSnapshots, type FieldChange } from '../../shared/diff'

type Tx = Prisma.TransactionClient
type VersionedEntity = 'POWER_ITEM' | 'DUTY' | 'DUTY_BOUNDARY' | 'SPECIAL_FUND'
type Action = Prisma.RecordVersionCreateManyInput['action']

export interface VersionInput {
  entityId: number
  revision: number
  data: unknown
}

/** Records new current versions and closes the ones they replace, at the same instant. */
export async function recordVersions(tx: Tx, entityType: VersionedEntity, versions: VersionInput[], meta: { action: Action; at: Date; documentNo?: string | null; listVersionId?: number | null }): Promise<void> {
  if (!versions.length) return
  await tx.recordVersion.updateMany({
    where: { entityType, entityId: { in: versions.map((v) => v.entityId) }, validTo: null },
    data: { validTo: meta.at },
  })
  await tx.recordVersion.createMany({
    data: versions.map((v) => ({
      entityType,
      entityId: v.entityId,
      revision: v.revision,
      data: toJsonValue(v.data) ?? {},
      validFrom: meta.at,
      action: meta.action,
      documentNo: meta.documentNo ?? null,
      listVersionId: meta.listVersionId ?? null,
    })),
  })
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

/**
 * A list exactly as it stood at `at`: for each record, the state valid then
 * (validFrom <= at < validTo). Filters apply to that state, not to today's.
 */
export async function powerListAsOf(db: Db, at: Date, filter: { departmentId?: number; type?: string } = {}): Promise<Record<string, unknown>[]> {
  const rows = await db.recordVersion.findMany({
    where: { entityType: 'POWER_ITEM', validFrom: { lte: at }, OR: [{ validTo: null }, { validTo: { gt: at } }] },
    select: { data: true },
  })
  return rows
    .map((r) => r.data as Record<string, unknown>)
    .filter((d) => (filter.departmentId === undefined || d.departmentId === filter.departmentId) && (filter.type === undefined || d.type === filter.type))
    .sort((a, b) => String(a.code).localeCompare(String(b.code)))
}

export { endOfCityDay } from '../../shared/city-time'
