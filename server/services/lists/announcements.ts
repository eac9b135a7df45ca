// Adjustment announcements (调整公告): each published list version and every power item or
// public service it added, cancelled, delegated or changed, with the authorising document.
import type { Db } from '../../utils/prisma'
import type { AnnouncementQuery } from '../../../shared/lists'
import type { AnnouncedAction, AnnouncedChange, AnnouncementRow, AnnouncementView, DepartmentRef } from '../../../shared/list-views'
import { departmentRefSelect } from './departments-ref'
import { isoDate, pageOf } from './paging'

const ACTION_ORDER: AnnouncedAction[] = ['ADD', 'CANCEL', 'DELEGATE', 'ADJUST', 'MERGE', 'UPDATE', 'RETAIN']

const announcementInclude = { listVersion: { select: { year: true, batch: true, documentNo: true, effectiveDate: true } } } as const

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
  const grouped = await db.recordVersion.groupBy({
    by: ['listVersionId', 'action'],
    where: { entityType: 'POWER_ITEM', listVersionId: { in: announcements.map((a) => a.listVersionId) } },
    _count: { _all: true },
  })
  return announcements.map((a) => ({
    ...announcementRow(a),
    actions: ACTION_ORDER.flatMap((action) => {
      const count = grouped.find((g) => g.listVersionId === a.listVersionId && g.action === action)?._count._all ?? 0
      return count ? [{ action, count }] : []
    }),
  }))
}

type AnnouncementRecord = { id: number; title: string; publishedAt: Date; listVersion: { year: number; batch: number; documentNo: string | null; effectiveDate: Date } }

function announcementRow(a: AnnouncementRecord): Omit<AnnouncementRow, 'actions'> {
  return {
    id: a.id,
    title: a.title,
    documentNo: a.listVersion.documentNo,
    effectiveDate: isoDate(a.listVersion.effectiveDate),
    publishedAt: a.publishedAt.toISOString(),
    version: { year: a.listVersion.year, batch: a.listVersion.batch },
  }
}

/**
 * One announcement with its changes. A version touches at most the whole list (about a thousand
 * rows), so its changes are joined and grouped in memory rather than in SQL per page.
 */
export async function getAnnouncement(db: Db, id: number, query: AnnouncementQuery): Promise<AnnouncementView | null> {
  const announcement = await db.announcement.findFirst({ where: { id, listVersion: { status: 'PUBLISHED' } }, include: announcementInclude })
  if (!announcement) return null
  const versions = await db.recordVersion.findMany({
    where: { entityType: 'POWER_ITEM', listVersionId: announcement.listVersionId },
    select: { entityId: true, action: true, documentNo: true, validFrom: true },
  })
  const items = await db.powerItem.findMany({
    where: { id: { in: versions.map((v) => v.entityId) } },
    select: { id: true, code: true, name: true, type: true, status: true, department: { select: { ...departmentRefSelect, sortOrder: true } } },
  })
  const byId = new Map(items.map((i) => [i.id, i]))
  const changes = versions.flatMap((v) => {
    const item = byId.get(v.entityId)
    if (!item) return []
    const { sortOrder, ...department } = item.department
    const change: AnnouncedChange = {
      code: item.code, name: item.name, type: item.type, department, status: item.status,
      action: v.action, documentNo: v.documentNo ?? announcement.listVersion.documentNo, validFrom: v.validFrom.toISOString(),
    }
    return [{ change, sortOrder }]
  }).sort((a, b) => a.sortOrder - b.sortOrder || ACTION_ORDER.indexOf(a.change.action) - ACTION_ORDER.indexOf(b.change.action) || a.change.code.localeCompare(b.change.code))

  const departments = new Map<number, { department: DepartmentRef; actions: AnnouncedAction[] }>()
  for (const { change } of changes) {
    const entry = departments.get(change.department.id) ?? { department: change.department, actions: [] }
    entry.actions.push(change.action)
    departments.set(change.department.id, entry)
  }
  const selected = changes.map((c) => c.change).filter((c) =>
    (!query.dept.length || query.dept.includes(c.department.id)) && (!query.action.length || query.action.includes(c.action)))
  const start = (query.page - 1) * query.pageSize
  return {
    ...announcementRow(announcement),
    body: announcement.body,
    actions: actionCounts(changes.map((c) => c.change.action)),
    byDepartment: [...departments.values()].map((d) => ({ department: d.department, actions: actionCounts(d.actions), total: d.actions.length })),
    changes: pageOf(selected.slice(start, start + query.pageSize), selected.length, query),
  }
}
