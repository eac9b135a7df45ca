// The records an entry of the workflow names in the audit log (AuditEntryRecord), so that the
// log answers "who changed this record": a change request's entries name the power item, duty or
// fund it changes (a merge also the item it merges into, an addition the code it proposes), a
// list version's entries every record it carries.
import type { Db, Prisma } from '../../utils/prisma'
import type { AuditRecordRef } from '../audit'
import { LIST_ENTITY_TYPES, type ListEntityType } from '../../../shared/lists'
import { ENTITY_WORKFLOWS, type PublishedRecord } from './entities'

type Tx = Prisma.TransactionClient

interface RequestLike { entityType: string; entityId: number | null; payload: unknown }

const isListEntity = (entityType: string): entityType is ListEntityType => (LIST_ENTITY_TYPES as readonly string[]).includes(entityType)

/** The records the change requests affect, as they are named now. */
export async function requestRecords(db: Db | Tx, requests: RequestLike[]): Promise<AuditRecordRef[]> {
  const wanted = new Map<ListEntityType, Set<number>>()
  const proposed: AuditRecordRef[] = []
  const want = (entityType: ListEntityType, id: number) => wanted.set(entityType, (wanted.get(entityType) ?? new Set()).add(id))
  for (const request of requests) {
    if (!isListEntity(request.entityType)) continue
    const payload = (request.payload ?? {}) as { code?: unknown; name?: unknown; title?: unknown; intoItemId?: unknown }
    if (request.entityId !== null) want(request.entityType, request.entityId)
    else if (typeof payload.code === 'string') proposed.push({ entityType: request.entityType, entityId: null, code: payload.code, name: String(payload.name ?? payload.title ?? '') })
    if (request.entityType === 'POWER_ITEM' && typeof payload.intoItemId === 'number') want('POWER_ITEM', payload.intoItemId)
  }
  const published: AuditRecordRef[] = []
  for (const [entityType, ids] of wanted) {
    published.push(...publishedRecordRefs(entityType, await ENTITY_WORKFLOWS[entityType].published(db as Db, [...ids])))
  }
  return [...published, ...proposed]
}

export function publishedRecordRefs(entityType: ListEntityType, records: Pick<PublishedRecord, 'id' | 'code' | 'name'>[]): AuditRecordRef[] {
  return records.map((r) => ({ entityType, entityId: r.id, code: r.code, name: r.name }))
}
