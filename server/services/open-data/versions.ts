// Published list versions as open data: the list exactly as it stood when a version was
// published, read from RecordVersion, and the changes the version itself made.
import type { Db } from '../../utils/prisma'
import type { ChangeRecord, OpenDataVersion } from '../../../shared/open-data'
import type { ListKind } from '../../../shared/lists'
import type { PublishedSnapshot, VersionedEntity } from './list-definition'

export interface PublishedVersion { id: number; title: string; year: number; batch: number; documentNo: string | null; publishedAt: Date }

/** Only published versions are public; a draft version is as unknown as a missing one. */
export async function findPublishedVersion(db: Db, id: number): Promise<PublishedVersion | null> {
  const version = await db.listVersion.findFirst({
    where: { id, status: 'PUBLISHED', publishedAt: { not: null } },
    select: { id: true, title: true, year: true, batch: true, documentNo: true, publishedAt: true },
  })
  return version?.publishedAt ? { ...version, publishedAt: version.publishedAt } : null
}

export async function publishedVersions(db: Db): Promise<OpenDataVersion[]> {
  const [versions, counts] = await Promise.all([
    db.listVersion.findMany({ where: { status: 'PUBLISHED', publishedAt: { not: null } }, orderBy: [{ publishedAt: 'desc' }, { id: 'desc' }] }),
    db.recordVersion.groupBy({ by: ['listVersionId'], where: { listVersionId: { not: null } }, _count: { _all: true } }),
  ])
  const changes = new Map(counts.map((c) => [c.listVersionId, c._count._all]))
  return versions.map((v) => ({
    id: v.id,
    title: v.title,
    year: v.year,
    batch: v.batch,
    documentNo: v.documentNo,
    effectiveDate: v.effectiveDate.toISOString().slice(0, 10),
    publishedAt: v.publishedAt!.toISOString(),
    changes: changes.get(v.id) ?? 0,
  }))
}

/**
 * The snapshots in force at `at`: the RecordVersion valid then (validFrom <= at < validTo) of
 * every record that has a history, plus the records that never changed since their first
 * publication and so have none yet (duties and funds are loaded without one), if published by then.
 */
export async function snapshotsAt<S>(db: Db, entityType: VersionedEntity, at: Date, published: () => Promise<PublishedSnapshot<S>[]>): Promise<S[]> {
  const [valid, versioned, current] = await Promise.all([
    db.recordVersion.findMany({
      where: { entityType, validFrom: { lte: at }, OR: [{ validTo: null }, { validTo: { gt: at } }] },
      orderBy: { entityId: 'asc' },
      select: { data: true },
    }),
    db.recordVersion.findMany({ where: { entityType }, distinct: ['entityId'], select: { entityId: true } }),
    published(),
  ])
  const hasHistory = new Set(versioned.map((v) => v.entityId))
  // RecordVersion.data is written from the same snapshot functions the current list uses.
  const historical = valid.map((v) => v.data as unknown as S)
  const unchanged = current.filter((r) => !hasHistory.has(r.id) && r.publishedAt <= at).map((r) => r.snapshot)
  return [...historical, ...unchanged]
}

const LIST_OF: Record<VersionedEntity | 'DUTY_BOUNDARY', ListKind> = { POWER_ITEM: 'power', DUTY: 'responsibility', DUTY_BOUNDARY: 'responsibility', SPECIAL_FUND: 'fund' }

interface SnapshotFields { code?: string; name?: string; title?: string; departmentId?: number; [field: string]: unknown }

/** Every record the version added, cancelled, delegated or changed, with what changed. */
export async function versionChanges(db: Db, version: PublishedVersion, departmentName: (id: number | undefined) => string): Promise<ChangeRecord[]> {
  const versions = await db.recordVersion.findMany({
    where: { listVersionId: version.id, entityType: { in: Object.keys(LIST_OF) as (keyof typeof LIST_OF)[] } },
    orderBy: [{ entityType: 'asc' }, { entityId: 'asc' }],
  })
  const followUps = versions.filter((v) => v.revision > 1)
  const previous = followUps.length
    ? await db.recordVersion.findMany({
      where: { OR: followUps.map((v) => ({ entityType: v.entityType, entityId: v.entityId, revision: v.revision - 1 })) },
      select: { entityType: true, entityId: true, data: true },
    })
    : []
  const before = new Map(previous.map((p) => [`${p.entityType}:${p.entityId}`, p.data as SnapshotFields]))
  return versions.map((v) => {
    const data = v.data as SnapshotFields
    const prior = before.get(`${v.entityType}:${v.entityId}`)
    return {
      list: LIST_OF[v.entityType as keyof typeof LIST_OF],
      code: data.code ?? '',
      name: data.name ?? data.title ?? '',
      department: departmentName(data.departmentId),
      action: v.action,
      // A field one of the two snapshots did not record (e.g. a denormalised name) is not a change.
      changedFields: prior ? Object.keys(data).filter((k) => k in prior && JSON.stringify(data[k]) !== JSON.stringify(prior[k])) : [],
      documentNo: v.documentNo ?? version.documentNo,
      effectiveAt: v.validFrom.toISOString(),
    }
  })
}
