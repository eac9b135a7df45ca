// Published list versions as open data: the list exactly as it stood when a version was
// published, read from RecordVersion, and the changes the version itself made.
import type { Db } from '../../utils/prisma'
import type { ChangeRecord, OpenDataVersion } from '../../../shared/open-data'
import type { ListKind } from '../../../shared/lists'
import type { PublishedSnapshot, VersionedEntity } from './list-definition'
import { publicDiffs, statesAt } from '../history'
import { versionCounts } from '../lists/version-counts'

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
  const versions = await db.listVersion.findMany({ where: { status: 'PUBLISHED', publishedAt: { not: null } }, orderBy: [{ publishedAt: 'desc' }, { id: 'desc' }] })
  const counts = await versionCounts(db, versions.map((v) => v.id))
  return versions.map((v) => ({
    id: v.id,
    title: v.title,
    year: v.year,
    batch: v.batch,
    documentNo: v.documentNo,
    effectiveDate: v.effectiveDate.toISOString().slice(0, 10),
    publishedAt: v.publishedAt!.toISOString(),
    // Every line of the version's changes file: its records' changes and its guides'.
    changes: counts.get(v.id)!.total + counts.get(v.id)!.guides,
    counts: counts.get(v.id)!,
  }))
}

/** The snapshots in force at `at` (statesAt of the history, without the version of each). */
export async function snapshotsAt<S>(db: Db, entityType: VersionedEntity, at: Date, published: () => Promise<PublishedSnapshot<S>[]>): Promise<S[]> {
  return (await statesAt(db, entityType, at, published)).map((state) => state.snapshot)
}

// A guide is changed as part of its item's entry on the power list.
const LIST_OF: Record<VersionedEntity | 'DUTY_BOUNDARY' | 'SERVICE_GUIDE', ListKind> = { POWER_ITEM: 'power', DUTY: 'responsibility', DUTY_BOUNDARY: 'responsibility', SPECIAL_FUND: 'fund', SERVICE_GUIDE: 'power' }

interface SnapshotFields { code?: string; itemCode?: string; name?: string; title?: string; departmentId?: number; [field: string]: unknown }

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
  const diffs = await publicDiffs(db, versions.map((v) => ({ before: before.get(`${v.entityType}:${v.entityId}`) ?? null, after: v.data as SnapshotFields })))
  // A guide's snapshot names its item by code only: its name and department are the item's.
  const guideIds = versions.filter((v) => v.entityType === 'SERVICE_GUIDE').map((v) => v.entityId)
  const guideItems = new Map(guideIds.length ? (await db.powerItem.findMany({ where: { id: { in: guideIds } }, select: { id: true, name: true, departmentId: true } })).map((i) => [i.id, i]) : [])
  return versions.map((v, i) => {
    const data = v.data as SnapshotFields
    const item = v.entityType === 'SERVICE_GUIDE' ? guideItems.get(v.entityId) : undefined
    return {
      list: LIST_OF[v.entityType as keyof typeof LIST_OF],
      part: v.entityType === 'SERVICE_GUIDE' ? 'GUIDE' as const : 'RECORD' as const,
      code: data.code ?? data.itemCode ?? '',
      name: data.name ?? data.title ?? item?.name ?? '',
      department: departmentName(data.departmentId ?? item?.departmentId),
      action: v.action,
      changedFields: diffs[i]!.map((c) => c.field),
      changes: diffs[i]!,
      documentNo: v.documentNo ?? version.documentNo,
      reason: v.reason,
      effectiveAt: v.validFrom.toISOString(),
    }
  })
}
