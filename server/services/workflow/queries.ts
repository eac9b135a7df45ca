// What the back office shows of change requests: the queues, and one request side by side
// with the published record it would change.
import type { Db, Prisma } from '../../utils/prisma'
import { diffSnapshots, type FieldChange } from '../history'
import { DRAFT_ENTITY_TYPES, type DraftEntityType, type DraftKind } from '../../../shared/lists'
import { getGuideWorkspaceItem, listGuideWorkspace } from '../guides/workspace'
import { ENTITY_WORKFLOWS, entityWorkflow, type PublishedRecord } from './entities'
import { versionCounts } from '../lists/version-counts'
import { CHANGE_REQUEST_STATUSES, OPEN_CHANGE_REQUEST_STATUSES, type ChangeRequestPage, type ChangeRequestQuery, type ChangeRequestView, type ListVersionView, type WorkspaceDuty, type WorkspaceFund, type WorkspacePage, type WorkspacePowerItem, type WorkspaceQuery } from '../../../shared/workspace'


export async function listChangeRequests(db: Db, query: ChangeRequestQuery, departmentId: number | null): Promise<ChangeRequestPage> {
  const inDepartments = {
    ...(departmentId !== null ? { departmentId } : query.dept.length ? { departmentId: { in: query.dept } } : {}),
    ...(query.entityType.length ? { entityType: { in: query.entityType } } : {}),
  }
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
  const itemNames = await publishedRecords(db, rows)
  return {
    total,
    page: query.page,
    pageSize: query.pageSize,
    pageCount: Math.max(1, Math.ceil(total / query.pageSize)),
    counts: Object.fromEntries(CHANGE_REQUEST_STATUSES.map((s) => [s, byStatus.find((b) => b.status === s)?._count._all ?? 0])) as ChangeRequestPage['counts'],
    items: rows.map((r) => {
      return {
        id: r.id,
        entityType: r.entityType as DraftEntityType,
        action: r.action,
        status: r.status,
        ...recordName(r, itemNames),
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

type RequestRow = Pick<Prisma.ChangeRequestGetPayload<object>, 'entityType' | 'entityId' | 'payload'>

/** The published records the requests change, by `${entityType}-${id}`. */
export async function publishedRecords(db: Db | Prisma.TransactionClient, requests: RequestRow[]): Promise<Map<string, PublishedRecord>> {
  const records = new Map<string, PublishedRecord>()
  for (const entityType of DRAFT_ENTITY_TYPES) {
    const ids = requests.flatMap((r) => (r.entityType === entityType && r.entityId ? [r.entityId] : []))
    if (ids.length) for (const record of await ENTITY_WORKFLOWS[entityType].published(db, ids)) records.set(`${entityType}-${record.id}`, record)
  }
  return records
}

/** A request's record as the lists name it: the published one, or the one a new record proposes. */
export function recordName(request: RequestRow, records: Map<string, PublishedRecord>): { itemName: string; itemCode: string } {
  const record = request.entityId ? records.get(`${request.entityType}-${request.entityId}`) : undefined
  const payload = request.payload as { name?: string; title?: string; code?: string }
  return { itemName: record?.name ?? payload.name ?? payload.title ?? '', itemCode: record?.code ?? payload.code ?? '' }
}

/**
 * The record as the change would leave it, as the workflow applies it: the fields it edits, or
 * the status and level a delegation, a cancellation or a merge gives it, so that its author and
 * the reviewer both see where a delegated power would be exercised.
 */
function proposedState(action: string, published: Record<string, unknown> | null, payload: Record<string, unknown>): Record<string, unknown> | null {
  switch (action) {
    case 'ADD':
    case 'UPDATE':
    case 'ADJUST':
      return { ...(published ?? {}), ...payload }
    case 'DELEGATE':
      return published && { ...published, status: 'DELEGATED', level: payload.toLevel ?? published.level, delegatedToLevel: payload.toLevel ?? null }
    case 'CANCEL':
    case 'MERGE':
      return published && { ...published, status: 'CANCELLED' }
    default:
      return published
  }
}

/** One request with the published record beside what it proposes, field by field. */
export async function getChangeRequest(db: Db, id: number): Promise<ChangeRequestView | null> {
  const request = await db.changeRequest.findUnique({
    where: { id },
    include: { department: { select: { name: true } }, author: { select: { displayName: true } }, decisions: { orderBy: { id: 'asc' }, include: { decidedBy: { select: { displayName: true } } } } },
  })
  if (!request) return null
  const entityType = request.entityType as DraftEntityType
  const workflow = entityWorkflow(entityType)
  const item = request.entityId ? (await workflow.published(db, [request.entityId]))[0] ?? null : null
  const payload = request.payload as Record<string, unknown>
  // Once published, today's record already holds the change: it is shown as it was decided, from
  // the record's kept versions (the state before it and the state it published).
  const listVersionId = request.decisions.findLast((d) => d.listVersionId !== null)?.listVersionId
  const decided = request.status === 'PUBLISHED' && request.entityId && listVersionId ? await publishedChange(db, entityType, request.entityId, listVersionId) : null
  // A record that has none yet (an item's first guide) is shown as nothing published.
  const published = decided ? decided.before : item && Object.keys(item.snapshot).length ? item.snapshot : null
  const proposed = decided
    ? decided.after
    : ['ADD', 'UPDATE', 'ADJUST'].includes(request.action) && workflow.proposal ? await workflow.proposal(db, request, item) : proposedState(request.action, published, payload)
  const diff: FieldChange[] = proposed ? diffSnapshots(published ?? {}, proposed) : []
  return {
    id: request.id,
    entityType,
    action: request.action,
    status: request.status,
    department: { id: request.departmentId, name: request.department.name },
    author: request.author.displayName,
    reason: request.reason,
    payload,
    entityId: request.entityId,
    record: item && { code: item.code, name: item.name },
    baseRevision: request.baseRevision,
    currentRevision: item?.revision ?? null,
    published,
    proposed,
    diff,
    decisions: request.decisions.map((d) => ({ outcome: d.outcome, action: d.action, documentNo: d.documentNo, effectiveDate: d.effectiveDate?.toISOString().slice(0, 10) ?? null, comment: d.comment, publicReason: d.publicReason, by: d.decidedBy.displayName, at: d.createdAt.toISOString(), listVersionId: d.listVersionId })),
    submittedAt: request.submittedAt?.toISOString() ?? null,
    createdAt: request.createdAt.toISOString(),
  }
}

/** The state of a record before the list version that published a change to it, and the state it published. */
async function publishedChange(db: Db, entityType: DraftEntityType, entityId: number, listVersionId: number): Promise<{ before: Record<string, unknown> | null; after: Record<string, unknown> } | null> {
  const versions = await db.recordVersion.findMany({ where: { entityType, entityId }, orderBy: { revision: 'asc' }, select: { data: true, listVersionId: true } })
  const at = versions.findIndex((v) => v.listVersionId === listVersionId)
  if (at < 0) return null
  const before = at > 0 ? versions[at - 1]!.data as Record<string, unknown> : null
  return { before: before && Object.keys(before).length ? before : null, after: versions[at]!.data as Record<string, unknown> }
}

export async function listVersions(db: Db): Promise<ListVersionView[]> {
  return versionViews(db, {})
}

export async function getListVersion(db: Db, id: number): Promise<ListVersionView | null> {
  return (await versionViews(db, { id }))[0] ?? null
}

async function versionViews(db: Db, where: Prisma.ListVersionWhereInput): Promise<ListVersionView[]> {
  const versions = await db.listVersion.findMany({
    where,
    orderBy: [{ year: 'desc' }, { batch: 'desc' }],
    include: { decisions: { orderBy: { id: 'asc' }, select: { changeRequest: { include: { department: { select: { name: true } } } } } } },
  })
  const requests = versions.flatMap((v) => v.decisions.map((d) => d.changeRequest))
  const [records, counts] = await Promise.all([publishedRecords(db, requests), versionCounts(db, versions.map((v) => v.id))])
  return versions.map((v) => ({
    id: v.id, year: v.year, batch: v.batch, title: v.title, documentNo: v.documentNo, effectiveDate: v.effectiveDate.toISOString().slice(0, 10),
    status: v.status, publishedAt: v.publishedAt?.toISOString() ?? null,
    // What it carried, service guides included: the number the open data and the changes file give.
    changes: counts.get(v.id)!.total + counts.get(v.id)!.guides, counts: counts.get(v.id)!,
    changeRequests: v.decisions.map(({ changeRequest: r }) => ({
      id: r.id, entityType: r.entityType as DraftEntityType, action: r.action, status: r.status, department: r.department.name, ...recordName(r, records),
    })),
    failure: v.failure ? { reason: v.failure, at: (v.failedAt ?? v.createdAt).toISOString(), changeRequestId: v.failedChangeRequestId } : null,
  }))
}

const itemSelect = {
  id: true, code: true, name: true, aliases: true, type: true, groupName: true, legalBasis: true, level: true,
  timeLimit: true, fees: true, contact: true, status: true, department: { select: { id: true, name: true } },
} as const

/** Published items (of one department, or all for null), each with the change under way for it. */
export async function listWorkspacePowerItems(db: Db, query: WorkspaceQuery, departmentId: number | null): Promise<WorkspacePage<WorkspacePowerItem>> {
  const q = query.q
  const where = {
    ...(departmentId !== null ? { departmentId } : {}),
    ...(q ? { OR: [{ name: { contains: q } }, { code: { contains: q } }, { aliases: { has: q } }] } : {}),
  }
  return workspacePage(db, 'POWER_ITEM', query, db.powerItem.count({ where }), db.powerItem.findMany({ where, orderBy: [{ name: 'asc' }, { id: 'asc' }], ...paging(query), select: itemSelect }))
}

export async function getWorkspacePowerItem(db: Db, id: number): Promise<WorkspacePowerItem | null> {
  const item = await db.powerItem.findUnique({ where: { id }, select: itemSelect })
  return item ? (await withOpenRequests(db, [item], 'POWER_ITEM'))[0]! : null
}

const dutySelect = {
  id: true, code: true, kind: true, title: true, content: true, basis: true, powerItemId: true, status: true,
  powerItem: { select: { id: true, code: true, name: true } },
  accountabilityCases: { orderBy: { sortOrder: 'asc' }, select: { content: true, basis: true } },
  department: { select: { id: true, name: true } },
} as const satisfies Prisma.DutySelect

function workspaceDuty({ accountabilityCases, ...duty }: Prisma.DutyGetPayload<{ select: typeof dutySelect }>): Omit<WorkspaceDuty, 'openRequest'> {
  return { ...duty, cases: accountabilityCases }
}

/** Published duties (of one department, or all for null), each with the change under way for it. */
export async function listWorkspaceDuties(db: Db, query: WorkspaceQuery, departmentId: number | null): Promise<WorkspacePage<WorkspaceDuty>> {
  const q = query.q
  const where: Prisma.DutyWhereInput = {
    ...(departmentId !== null ? { departmentId } : {}),
    ...(q ? { OR: [{ title: { contains: q } }, { code: { contains: q } }, { content: { contains: q } }] } : {}),
  }
  const rows = db.duty.findMany({ where, orderBy: [{ kind: 'asc' }, { code: 'asc' }], ...paging(query), select: dutySelect })
  return workspacePage(db, 'DUTY', query, db.duty.count({ where }), rows.then((r) => r.map(workspaceDuty)))
}

export async function getWorkspaceDuty(db: Db, id: number): Promise<WorkspaceDuty | null> {
  const duty = await db.duty.findUnique({ where: { id }, select: dutySelect })
  return duty ? (await withOpenRequests(db, [workspaceDuty(duty)], 'DUTY'))[0]! : null
}

const fundSelect = {
  id: true, code: true, name: true, year: true, amount: true, legalBasis: true, purpose: true, recipients: true, allocationMethod: true,
  performanceTargets: true, periodStart: true, periodEnd: true, howToApply: true, status: true, department: { select: { id: true, name: true } },
} as const satisfies Prisma.SpecialFundSelect

const workspaceFund = (fund: Prisma.SpecialFundGetPayload<{ select: typeof fundSelect }>): Omit<WorkspaceFund, 'openRequest'> => ({ ...fund, amount: fund.amount.toFixed(2) })

/** Published special funds (of one department, or all for null), each with the change under way for it. */
export async function listWorkspaceFunds(db: Db, query: WorkspaceQuery, departmentId: number | null): Promise<WorkspacePage<WorkspaceFund>> {
  const q = query.q
  const where: Prisma.SpecialFundWhereInput = {
    ...(departmentId !== null ? { departmentId } : {}),
    ...(q ? { OR: [{ name: { contains: q } }, { code: { contains: q } }] } : {}),
  }
  const rows = db.specialFund.findMany({ where, orderBy: [{ year: 'desc' }, { code: 'asc' }], ...paging(query), select: fundSelect })
  return workspacePage(db, 'SPECIAL_FUND', query, db.specialFund.count({ where }), rows.then((r) => r.map(workspaceFund)))
}

export async function getWorkspaceFund(db: Db, id: number): Promise<WorkspaceFund | null> {
  const fund = await db.specialFund.findUnique({ where: { id }, select: fundSelect })
  return fund ? (await withOpenRequests(db, [workspaceFund(fund)], 'SPECIAL_FUND'))[0]! : null
}

const paging = (query: WorkspaceQuery) => ({ skip: (query.page - 1) * query.pageSize, take: query.pageSize })

/** A page of a list's records, each with the change under way for it. */
async function workspacePage<T extends { id: number }>(db: Db, entityType: DraftEntityType, query: WorkspaceQuery, count: Promise<number>, rows: Promise<T[]>) {
  const [total, items] = await Promise.all([count, rows])
  return { total, page: query.page, pageCount: Math.max(1, Math.ceil(total / query.pageSize)), items: await withOpenRequests(db, items, entityType) }
}

async function withOpenRequests<T extends { id: number }>(db: Db, items: T[], entityType: DraftEntityType): Promise<(T & Pick<WorkspacePowerItem, 'openRequest'>)[]> {
  const open = await db.changeRequest.findMany({
    where: { entityType, entityId: { in: items.map((i) => i.id) }, status: { in: [...OPEN_CHANGE_REQUEST_STATUSES] } },
    select: { id: true, entityId: true, status: true },
  })
  return items.map((item) => {
    const request = open.find((r) => r.entityId === item.id)
    return { ...item, openRequest: request ? { id: request.id, status: request.status } : null }
  })
}

/**
 * The workspace's records of each kind: a page of them, and one with the change under way. An
 * item's guide is listed with what it lacks, and opens with the halls its form may name.
 */
export const WORKSPACE_RECORDS = {
  power: { page: listWorkspacePowerItems, one: getWorkspacePowerItem },
  responsibility: { page: listWorkspaceDuties, one: getWorkspaceDuty },
  fund: { page: listWorkspaceFunds, one: getWorkspaceFund },
  guide: { page: listGuideWorkspace, one: getGuideWorkspaceItem },
} as const satisfies Record<DraftKind, unknown>
