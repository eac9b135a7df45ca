// Every published state of a record, kept in RecordVersion: the item timeline, field diffs and
// "the list as it stood on a date" are all read from here.
import type { Prisma } from '../utils/prisma'
import { toJsonValue } from './audit'

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
