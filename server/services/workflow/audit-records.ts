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
  return (await recordsOfEachRequest(db, requests)).flat()
}

/**
 * The records each change request affects, in the order given, read with one query per list
 * whatever the number of requests (an import writes thousands of drafts). A service guide's
 * request affects its power item (entityId is the item's).
 */
export async function recordsOfEachRequest(db: Db | Tx, requests: RequestLike[]): Promise<AuditRecordRef[][]> {
  const wanted = new Map<ListEntityType, Set<number>>()
  const want = (entityType: ListEntityType, id: number) => wanted.set(entityType, (wanted.get(entityType) ?? new Set()).add(id))
  const plans = requests.map((request) => {
    const ids: { entityType: ListEntityType; id: number }[] = []
    const proposed: AuditRecordRef[] = []
    const entityType = request.entityType === 'SERVICE_GUIDE' ? 'POWER_ITEM' : request.entityType
    if (!isListEntity(entityType)) return { ids, proposed }
    const payload = (request.payload ?? {}) as { code?: unknown; name?: unknown; title?: unknown; intoItemId?: unknown }
    if (request.entityId !== null) ids.push({ entityType, id: request.entityId })
    else if (typeof payload.code === 'string') proposed.push({ entityType, entityId: null, code: payload.code, name: String(payload.name ?? payload.title ?? '') })
    if (entityType === 'POWER_ITEM' && typeof payload.intoItemId === 'number') ids.push({ entityType: 'POWER_ITEM', id: payload.intoItemId })
    for (const r of ids) want(r.entityType, r.id)
    return { ids, proposed }
  })
  const named = new Map<string, AuditRecordRef>()
  for (const [entityType, ids] of wanted) {
    for (const ref of publishedRecordRefs(entityType, await ENTITY_WORKFLOWS[entityType].published(db as Db, [...ids]))) named.set(`${entityType}:${ref.entityId}`, ref)
  }
  return plans.map(({ ids, proposed }) => [...ids.flatMap((r) => named.get(`${r.entityType}:${r.id}`) ?? []), ...proposed])
}

export function publishedRecordRefs(entityType: ListEntityType, records: Pick<PublishedRecord, 'id' | 'code' | 'name'>[]): AuditRecordRef[] {
  return records.map((r) => ({ entityType, entityId: r.id, code: r.code, name: r.name }))
}
