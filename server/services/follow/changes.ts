// The published changes a topic follows (shared/follow.ts): the record versions of the power
// items, duties and funds that match its filters, its search or its one code, newest first,
// each with its public reason and its fields old → new. Feeds and mails read them from here.
import type { Meilisearch } from 'meilisearch'
import type { Db, Prisma } from '../../utils/prisma'
import { ITEM_TYPE_KEYS, type ItemTypeKey } from '../../../shared/item-types'
import { ALLOCATION_METHODS, DUTY_KINDS, LIST_KINDS, LISTS, listOf, type AllocationMethod, type DutyKind, type ListEntityType, type ListKind } from '../../../shared/lists'
import type { ChangeTopic } from '../../../shared/follow'
import type { FieldChange } from '../../../shared/diff'
import { publicDiffs } from '../history'
import { searchRecordIds } from '../search/query'

/** Where the search a topic may follow is asked. */
export interface SearchHandle { meili: Meilisearch; indexUid: string }

/** One published change of a record, as a feed entry or a mail line shows it. */
export interface FollowedChange {
  /** the RecordVersion's id: one change, once */
  id: number
  list: ListKind
  action: string
  at: Date
  code: string
  name: string
  department: string
  documentNo: string | null
  reason: string | null
  isDemo: boolean
  changes: FieldChange[]
}

/** The records of one list a topic covers: all of them (null), or these ids. */
type Scope = { entityType: ListEntityType; ids: number[] | null }[]

const pick = <T extends string>(values: readonly string[], allowed: readonly T[]) => values.filter((v): v is T => (allowed as readonly string[]).includes(v))

/**
 * The records a topic's filters select, list by list. A filter a list does not have (a level
 * for duties, a year for power items) leaves that list out; the search facet's `type` names item
 * types, duty kinds and allocation methods alike, each for its own list.
 */
export async function topicScope(db: Db, search: SearchHandle | null, filter: ChangeTopic): Promise<Scope> {
  const lists = filter.list.length ? filter.list : [...LIST_KINDS]
  const itemTypes = pick<ItemTypeKey>(filter.type, ITEM_TYPE_KEYS)
  const kinds = [...new Set([...pick<DutyKind>(filter.type, DUTY_KINDS), ...filter.kind])]
  const methods = [...new Set([...pick<AllocationMethod>(filter.type, ALLOCATION_METHODS), ...filter.method])]
  const hits = filter.q && search ? await searchRecordIds(search.meili, db, search.indexUid, { q: filter.q, list: [...lists], type: [...filter.type], dept: [...filter.dept], status: [...filter.status], year: [...filter.year], sort: 'relevance', page: 1 }) : null
  const common = {
    ...(filter.dept.length ? { departmentId: { in: [...filter.dept] } } : {}),
    ...(filter.status.length ? { status: { in: [...filter.status] } } : {}),
    ...(filter.code ? { code: filter.code } : {}),
  }
  const scope: Scope = []
  for (const list of lists) {
    const entityType = LISTS[list].entityType
    const found = hits?.filter((h) => h.list === list).map((h) => h.entityId)
    const restricted = Object.keys(common).length > 0 || found !== undefined
    let ids: number[] | null = null
    if (entityType === 'POWER_ITEM') {
      if (filter.kind.length || filter.method.length || filter.year.length || (filter.type.length && !itemTypes.length)) continue
      const where: Prisma.PowerItemWhereInput = { ...common, ...(itemTypes.length ? { type: { in: itemTypes } } : {}), ...(filter.level.length ? { level: { in: [...filter.level] } } : {}), ...(found ? { id: { in: found } } : {}) }
      if (restricted || itemTypes.length || filter.level.length) ids = (await db.powerItem.findMany({ where, select: { id: true } })).map((r) => r.id)
    } else if (entityType === 'DUTY') {
      if (filter.level.length || filter.year.length || filter.method.length || (filter.type.length && !kinds.length && !filter.kind.length)) continue
      const where: Prisma.DutyWhereInput = { ...common, ...(kinds.length ? { kind: { in: kinds } } : {}), ...(found ? { id: { in: found } } : {}) }
      if (restricted || kinds.length) ids = (await db.duty.findMany({ where, select: { id: true } })).map((r) => r.id)
    } else {
      if (filter.level.length || filter.kind.length || (filter.type.length && !methods.length && !filter.method.length)) continue
      const where: Prisma.SpecialFundWhereInput = { ...common, ...(methods.length ? { allocationMethod: { in: methods } } : {}), ...(filter.year.length ? { year: { in: [...filter.year] } } : {}), ...(found ? { id: { in: found } } : {}) }
      if (restricted || methods.length || filter.year.length) ids = (await db.specialFund.findMany({ where, select: { id: true } })).map((r) => r.id)
    }
    if (ids && !ids.length) continue
    scope.push({ entityType, ids })
  }
  return scope
}

/** The RecordVersion rows a scope covers, as a where clause; null when it covers nothing. */
export function scopeWhere(scope: Scope): Prisma.RecordVersionWhereInput | null {
  if (!scope.length) return null
  return { OR: scope.map((s) => ({ entityType: s.entityType, ...(s.ids ? { entityId: { in: s.ids } } : {}) })) }
}

const versionSelect = { id: true, entityType: true, entityId: true, revision: true, action: true, validFrom: true, documentNo: true, reason: true, data: true } as const
type VersionRow = Prisma.RecordVersionGetPayload<{ select: typeof versionSelect }>

/** The newest changes a scope covers (at most `take`), or those after a RecordVersion id, oldest first. */
export async function followedChanges(db: Db, scope: Scope, options: { take: number } | { afterId: number; upToId: number }): Promise<FollowedChange[]> {
  const where = scopeWhere(scope)
  if (!where) return []
  const rows = 'take' in options
    ? await db.recordVersion.findMany({ where, orderBy: [{ validFrom: 'desc' }, { id: 'desc' }], take: options.take, select: versionSelect })
    : await db.recordVersion.findMany({ where: { AND: [where, { id: { gt: options.afterId, lte: options.upToId } }] }, orderBy: { id: 'asc' }, select: versionSelect })
  return describe(db, rows)
}

/** Each version named as it was then, with its fields from the version before. */
export async function describe(db: Db, rows: VersionRow[]): Promise<FollowedChange[]> {
  if (!rows.length) return []
  const [previous, departments] = await Promise.all([
    db.recordVersion.findMany({
      where: { OR: rows.filter((r) => r.revision > 1).map((r) => ({ entityType: r.entityType, entityId: r.entityId, revision: r.revision - 1 })) },
      select: { entityType: true, entityId: true, revision: true, data: true },
    }),
    db.department.findMany({ select: { id: true, name: true } }),
  ])
  const before = new Map(previous.map((p) => [`${p.entityType}:${p.entityId}:${p.revision}`, p.data as Record<string, unknown>]))
  const deptName = new Map(departments.map((d) => [d.id, d.name]))
  const diffs = await publicDiffs(db, rows.map((r) => ({ before: before.get(`${r.entityType}:${r.entityId}:${r.revision - 1}`) ?? null, after: r.data as Record<string, unknown> })))
  return rows.map((r, i) => {
    const data = r.data as Record<string, unknown>
    return {
      id: r.id,
      list: listOf(r.entityType as ListEntityType),
      action: r.action,
      at: r.validFrom,
      code: String(data.code ?? ''),
      name: String(data.name ?? data.title ?? ''),
      department: deptName.get(Number(data.departmentId)) ?? String(data.department ?? ''),
      documentNo: r.documentNo,
      reason: r.reason,
      isDemo: data.isDemo === true,
      changes: diffs[i]!,
    }
  })
}
