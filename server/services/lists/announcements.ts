// Adjustment announcements (调整公告): each published list version and every power item, duty
// or special fund it added, cancelled, delegated or changed, with the authorising document, the
// public reason and each field from its old value to its new one.
import type { Db } from '../../utils/prisma'
import type { AnnouncementQuery, ItemStatus } from '../../../shared/lists'
import type { AnnouncedAction, AnnouncedChange, AnnouncementRow, AnnouncementView, DepartmentRef } from '../../../shared/list-views'
import type { ItemTypeKey } from '../../../shared/item-types'
import { departmentRefSelect } from './departments-ref'
import { isoDate, pageOf } from './paging'
import { ACTION_ORDER, LIST_OF_ENTITY, versionCounts } from './version-counts'
import { publicDiffs } from '../history'

const announcementInclude = { listVersion: { select: { year: true, batch: true, documentNo: true, effectiveDate: true } } } as const
const ANNOUNCED_ENTITIES = ['POWER_ITEM', 'DUTY', 'SPECIAL_FUND'] as const
type AnnouncedEntity = (typeof ANNOUNCED_ENTITIES)[number]

function actionCounts(actions: Iterable<AnnouncedAction>) {
  const counts = new Map<AnnouncedAction, number>()
  for (const action of actions) counts.set(action, (counts.get(action) ?? 0) + 1)
  return ACTION_ORDER.filter((a) => counts.has(a)).map((action) => ({ action, count: counts.get(action)! }))
}

export async function listAnnouncements(db: Db): Promise<AnnouncementRow[]> {
  const announcements = await db.announcement.findMany({
    where: { listVersion: { status: 'PUBLISHED' } },
    include: announcementInclude,
    orderBy: [{ publishedAt: 'desc' }, { id: 'desc' }],
  })
  const counts = await versionCounts(db, announcements.map((a) => a.listVersionId))
  return announcements.map((a) => ({ ...announcementRow(a), counts: counts.get(a.listVersionId)! }))
}

type AnnouncementRecord = { id: number; title: string; publishedAt: Date; listVersion: { year: number; batch: number; documentNo: string | null; effectiveDate: Date } }

function announcementRow(a: AnnouncementRecord): Omit<AnnouncementRow, 'counts'> {
  return {
    id: a.id,
    title: a.title,
    documentNo: a.listVersion.documentNo,
    effectiveDate: isoDate(a.listVersion.effectiveDate),
    publishedAt: a.publishedAt.toISOString(),
    version: { year: a.listVersion.year, batch: a.listVersion.batch },
  }
}

/** A record as an announcement line names it, as it is now. */
interface Named { code: string; name: string; type: ItemTypeKey | null; status: ItemStatus; department: DepartmentRef & { sortOrder: number } }

const department = { select: { ...departmentRefSelect, sortOrder: true } } as const

async function namedRecords(db: Db, ids: Record<AnnouncedEntity, number[]>): Promise<Map<string, Named>> {
  const [items, duties, funds] = await Promise.all([
    db.powerItem.findMany({ where: { id: { in: ids.POWER_ITEM } }, select: { id: true, code: true, name: true, type: true, status: true, department } }),
    db.duty.findMany({ where: { id: { in: ids.DUTY } }, select: { id: true, code: true, title: true, status: true, department } }),
    db.specialFund.findMany({ where: { id: { in: ids.SPECIAL_FUND } }, select: { id: true, code: true, name: true, status: true, department } }),
  ])
  return new Map<string, Named>([
    ...items.map((i) => [`POWER_ITEM:${i.id}`, { ...i, type: i.type }] as const),
    ...duties.map((d) => [`DUTY:${d.id}`, { code: d.code, name: d.title, type: null, status: d.status, department: d.department }] as const),
    ...funds.map((f) => [`SPECIAL_FUND:${f.id}`, { code: f.code, name: f.name, type: null, status: f.status, department: f.department }] as const),
  ])
}

/**
 * One announcement with its changes. A version touches at most the whole lists (a few thousand
 * rows), so its changes are joined and grouped in memory; the field changes are read for the
 * page shown only.
 */
export async function getAnnouncement(db: Db, id: number, query: AnnouncementQuery): Promise<AnnouncementView | null> {
  const announcement = await db.announcement.findFirst({ where: { id, listVersion: { status: 'PUBLISHED' } }, include: announcementInclude })
  if (!announcement) return null
  const versions = await db.recordVersion.findMany({
    where: { entityType: { in: [...ANNOUNCED_ENTITIES] }, listVersionId: announcement.listVersionId },
    select: { id: true, entityType: true, entityId: true, revision: true, action: true, documentNo: true, reason: true, validFrom: true },
  })
  const ids = Object.fromEntries(ANNOUNCED_ENTITIES.map((e) => [e, versions.filter((v) => v.entityType === e).map((v) => v.entityId)])) as Record<AnnouncedEntity, number[]>
  const named = await namedRecords(db, ids)
  const changes = versions.flatMap((v) => {
    const record = named.get(`${v.entityType}:${v.entityId}`)
    if (!record) return []
    const { sortOrder, ...dept } = record.department
    const change: Omit<AnnouncedChange, 'changes'> = {
      list: LIST_OF_ENTITY[v.entityType]!, code: record.code, name: record.name, type: record.type, department: dept, status: record.status,
      action: v.action, documentNo: v.documentNo ?? announcement.listVersion.documentNo, reason: v.reason, validFrom: v.validFrom.toISOString(),
    }
    return [{ change, sortOrder, version: v }]
  }).sort((a, b) => a.sortOrder - b.sortOrder
    || ANNOUNCED_ENTITIES.indexOf(a.version.entityType as AnnouncedEntity) - ANNOUNCED_ENTITIES.indexOf(b.version.entityType as AnnouncedEntity)
    || ACTION_ORDER.indexOf(a.change.action) - ACTION_ORDER.indexOf(b.change.action)
    || a.change.code.localeCompare(b.change.code))

  const departments = new Map<number, { department: DepartmentRef; actions: AnnouncedAction[] }>()
  for (const { change } of changes) {
    const entry = departments.get(change.department.id) ?? { department: change.department, actions: [] }
    entry.actions.push(change.action)
    departments.set(change.department.id, entry)
  }
  const selected = changes.filter(({ change: c }) =>
    (!query.dept.length || query.dept.includes(c.department.id))
    && (!query.action.length || query.action.includes(c.action))
    && (!query.list.length || query.list.includes(c.list)))
  const start = (query.page - 1) * query.pageSize
  const shown = selected.slice(start, start + query.pageSize)
  return {
    ...announcementRow(announcement),
    body: announcement.body,
    // Counted as the announcement list and the open data count it (service guides included).
    counts: (await versionCounts(db, [announcement.listVersionId])).get(announcement.listVersionId)!,
    byDepartment: [...departments.values()].map((d) => ({ department: d.department, actions: actionCounts(d.actions), total: d.actions.length })),
    changes: pageOf(await withFieldChanges(db, shown), selected.length, query),
  }
}

/** Each change with its fields from the version before to this one. */
async function withFieldChanges(db: Db, shown: { change: Omit<AnnouncedChange, 'changes'>; version: { id: number; entityType: string; entityId: number; revision: number } }[]): Promise<AnnouncedChange[]> {
  const [current, previous] = await Promise.all([
    db.recordVersion.findMany({ where: { id: { in: shown.map((s) => s.version.id) } }, select: { id: true, data: true } }),
    db.recordVersion.findMany({
      where: { OR: shown.filter((s) => s.version.revision > 1).map((s) => ({ entityType: s.version.entityType as AnnouncedEntity, entityId: s.version.entityId, revision: s.version.revision - 1 })) },
      select: { entityType: true, entityId: true, data: true },
    }),
  ])
  const data = new Map(current.map((c) => [c.id, c.data as Record<string, unknown>]))
  const before = new Map(previous.map((p) => [`${p.entityType}:${p.entityId}`, p.data as Record<string, unknown>]))
  const diffs = await publicDiffs(db, shown.map((s) => ({ before: before.get(`${s.version.entityType}:${s.version.entityId}`) ?? null, after: data.get(s.version.id) ?? {} })))
  return shown.map((s, i) => ({ ...s.change, changes: diffs[i]! }))
}
