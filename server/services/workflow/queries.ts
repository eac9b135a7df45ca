// What the back office shows of change requests: the queues, and one request side by side
// with the published record it would change.
import type { Db } from '../../utils/prisma'
import { diffSnapshots, type FieldChange } from '../history'
import { powerItemSnapshot } from '../lists/snapshots'
import { CHANGE_REQUEST_STATUSES, type ChangeRequestPage, type ChangeRequestQuery, type ChangeRequestView, type ListVersionView, type WorkspaceItem, type WorkspaceItemPage, type WorkspaceItemQuery } from '../../../shared/workspace'

const OPEN_STATUSES = ['DRAFT', 'SUBMITTED', 'RETURNED', 'APPROVED'] as const

export async function listChangeRequests(db: Db, query: ChangeRequestQuery, departmentId: number | null): Promise<ChangeRequestPage> {
  const inDepartments = departmentId !== null ? { departmentId } : query.dept.length ? { departmentId: { in: query.dept } } : {}
  const where = { ...inDepartments, ...(query.status.length ? { status: { in: query.status } } : {}) }
  const [total, rows, byStatus] = await Promise.all([
    db.changeRequest.count({ where }),
    db.changeRequest.findMany({
      where,
      orderBy: [{ updatedAt: 'desc' }, { id: 'desc' }],
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
      include: { department: { select: { name: true } }, author: { select: { displayName: true } }, decisions: { orderBy: { id: 'desc' }, take: 1 } },
    }),
    // The workspace's tabs show how many requests wait in each state, whatever tab is open.
    db.changeRequest.groupBy({ by: ['status'], where: inDepartments, _count: { _all: true } }),
  ])
  const itemNames = new Map((await db.powerItem.findMany({ where: { id: { in: rows.flatMap((r) => (r.entityId ? [r.entityId] : [])) } }, select: { id: true, name: true, code: true } })).map((i) => [i.id, i]))
  return {
    total,
    page: query.page,
    pageSize: query.pageSize,
    pageCount: Math.max(1, Math.ceil(total / query.pageSize)),
    counts: Object.fromEntries(CHANGE_REQUEST_STATUSES.map((s) => [s, byStatus.find((b) => b.status === s)?._count._all ?? 0])) as ChangeRequestPage['counts'],
    items: rows.map((r) => {
      const item = r.entityId ? itemNames.get(r.entityId) : undefined
      const payload = r.payload as { name?: string; code?: string }
      return {
        id: r.id,
        action: r.action,
        status: r.status,
        itemName: item?.name ?? payload.name ?? '',
        itemCode: item?.code ?? payload.code ?? '',
        department: r.department.name,
        departmentId: r.departmentId,
        author: r.author.displayName,
        reason: r.reason,
        submittedAt: r.submittedAt?.toISOString() ?? null,
        updatedAt: r.updatedAt.toISOString(),
        lastDecision: r.decisions[0]
          ? { outcome: r.decisions[0].outcome, comment: r.decisions[0].comment, documentNo: r.decisions[0].documentNo, effectiveDate: r.decisions[0].effectiveDate?.toISOString().slice(0, 10) ?? null, listVersionId: r.decisions[0].listVersionId }
          : null,
      }
    }),
  }
}

/** One request with the published record beside what it proposes, field by field. */
export async function getChangeRequest(db: Db, id: number): Promise<ChangeRequestView | null> {
  const request = await db.changeRequest.findUnique({
    where: { id },
    include: { department: { select: { name: true } }, author: { select: { displayName: true } }, decisions: { orderBy: { id: 'asc' }, include: { decidedBy: { select: { displayName: true } } } } },
  })
  if (!request) return null
  const item = request.entityId ? await db.powerItem.findUnique({ where: { id: request.entityId }, include: { department: { select: { name: true } } } }) : null
  const published = item ? (powerItemSnapshot(item) as Record<string, unknown>) : null
  const payload = request.payload as Record<string, unknown>
  const proposed = ['ADD', 'UPDATE', 'ADJUST'].includes(request.action) ? { ...(published ?? {}), ...payload } : published
  const diff: FieldChange[] = proposed ? diffSnapshots(published ?? {}, proposed) : []
  return {
    id: request.id,
    action: request.action,
    status: request.status,
    department: { id: request.departmentId, name: request.department.name },
    author: request.author.displayName,
    reason: request.reason,
    payload,
    entityId: request.entityId,
    baseRevision: request.baseRevision,
    currentRevision: item?.revision ?? null,
    published,
    proposed,
    diff,
    decisions: request.decisions.map((d) => ({ outcome: d.outcome, action: d.action, documentNo: d.documentNo, effectiveDate: d.effectiveDate?.toISOString().slice(0, 10) ?? null, comment: d.comment, by: d.decidedBy.displayName, at: d.createdAt.toISOString(), listVersionId: d.listVersionId })),
    submittedAt: request.submittedAt?.toISOString() ?? null,
    createdAt: request.createdAt.toISOString(),
  }
}

export async function listVersions(db: Db): Promise<ListVersionView[]> {
  const versions = await db.listVersion.findMany({ orderBy: [{ year: 'desc' }, { batch: 'desc' }], include: { _count: { select: { decisions: true } } } })
  return versions.map((v) => ({ id: v.id, year: v.year, batch: v.batch, title: v.title, documentNo: v.documentNo, effectiveDate: v.effectiveDate.toISOString().slice(0, 10), status: v.status, publishedAt: v.publishedAt?.toISOString() ?? null, changes: v._count.decisions }))
}

const itemSelect = {
  id: true, code: true, name: true, aliases: true, type: true, groupName: true, legalBasis: true, level: true,
  timeLimit: true, fees: true, contact: true, status: true, department: { select: { id: true, name: true } },
} as const

/** Published items (of one department, or all for null), each with the change under way for it. */
export async function listWorkspaceItems(db: Db, query: WorkspaceItemQuery, departmentId: number | null): Promise<WorkspaceItemPage> {
  const q = query.q
  const where = {
    ...(departmentId !== null ? { departmentId } : {}),
    ...(q ? { OR: [{ name: { contains: q } }, { code: { contains: q } }, { aliases: { has: q } }] } : {}),
  }
  const [total, rows] = await Promise.all([
    db.powerItem.count({ where }),
    db.powerItem.findMany({ where, orderBy: [{ name: 'asc' }, { id: 'asc' }], skip: (query.page - 1) * query.pageSize, take: query.pageSize, select: itemSelect }),
  ])
  return { total, page: query.page, pageCount: Math.max(1, Math.ceil(total / query.pageSize)), items: await withOpenRequests(db, rows) }
}

export async function getWorkspaceItem(db: Db, id: number): Promise<WorkspaceItem | null> {
  const item = await db.powerItem.findUnique({ where: { id }, select: itemSelect })
  return item ? (await withOpenRequests(db, [item]))[0]! : null
}

async function withOpenRequests<T extends { id: number }>(db: Db, items: T[]): Promise<(T & Pick<WorkspaceItem, 'openRequest'>)[]> {
  const open = await db.changeRequest.findMany({
    where: { entityType: 'POWER_ITEM', entityId: { in: items.map((i) => i.id) }, status: { in: [...OPEN_STATUSES] } },
    select: { id: true, entityId: true, status: true },
  })
  return items.map((item) => {
    const request = open.find((r) => r.entityId === item.id)
    return { ...item, openRequest: request ? { id: request.id, status: request.status } : null }
  })
}
