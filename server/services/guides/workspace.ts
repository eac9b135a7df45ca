// The editor's view of guides: each item of the department with what its guide lacks (the
// national spot check's faults: no materials, no time limit, no fee statement, a material named
// only 其他材料), filterable by it, and one item's guide as its form starts from it.
import type { Db, Prisma } from '../../utils/prisma'
import { GUIDE_GAPS, guideGaps, VAGUE_MATERIAL_NAMES, type GuideGap, type GuideWorkspaceItem, type GuideWorkspacePage, type GuideWorkspaceRow } from '../../../shared/guides'
import { OPEN_CHANGE_REQUEST_STATUSES, type GuideWorkspaceQuery } from '../../../shared/workspace'
import { guideFields, guideInclude, hallView } from './records'

const GAP_FILTERS: Record<GuideGap, Prisma.PowerItemWhereInput> = {
  NO_GUIDE: { guide: { is: null } },
  NO_MATERIALS: { guide: { is: { materials: { none: {} } } } },
  NO_TIME_LIMIT: { guide: { is: { legalTimeLimitDays: null, promisedTimeLimitDays: null } } },
  NO_FEE: { guide: { is: { feeFree: null } } },
  VAGUE_MATERIAL: { guide: { is: { materials: { some: { name: { in: VAGUE_MATERIAL_NAMES } } } } } },
  NO_LOCATION: { guide: { is: { locations: { none: {} } } } },
}

const rowInclude = {
  department: { select: { id: true, name: true } },
  guide: { include: guideInclude },
} as const satisfies Prisma.PowerItemInclude

type RowItem = Prisma.PowerItemGetPayload<{ include: typeof rowInclude }>

async function withOpenGuideRequests(db: Db, items: RowItem[]): Promise<GuideWorkspaceRow[]> {
  const open = await db.changeRequest.findMany({
    where: { entityType: 'SERVICE_GUIDE', entityId: { in: items.map((i) => i.id) }, status: { in: [...OPEN_CHANGE_REQUEST_STATUSES] } },
    select: { id: true, entityId: true, status: true },
  })
  return items.map((item) => {
    const request = open.find((r) => r.entityId === item.id)
    return {
      id: item.id,
      code: item.code,
      name: item.name,
      type: item.type,
      status: item.status,
      department: item.department,
      hasGuide: !!item.guide,
      isDemo: item.guide?.isDemo ?? false,
      gaps: guideGaps(item.guide),
      openRequest: request ? { id: request.id, status: request.status } : null,
    }
  })
}

/** Items in force (of one department, or all for null) with what their guides lack. */
export async function listGuideWorkspace(db: Db, query: GuideWorkspaceQuery, departmentId: number | null): Promise<GuideWorkspacePage> {
  const base: Prisma.PowerItemWhereInput = {
    status: { not: 'CANCELLED' },
    ...(departmentId !== null ? { departmentId } : {}),
    ...(query.q ? { OR: [{ name: { contains: query.q } }, { code: { contains: query.q } }] } : {}),
  }
  const where = query.gap ? { AND: [base, GAP_FILTERS[query.gap]] } : base
  const [total, rows, ...counts] = await Promise.all([
    db.powerItem.count({ where }),
    db.powerItem.findMany({ where, orderBy: [{ name: 'asc' }, { id: 'asc' }], skip: (query.page - 1) * query.pageSize, take: query.pageSize, include: rowInclude }),
    ...GUIDE_GAPS.map((gap) => db.powerItem.count({ where: { AND: [base, GAP_FILTERS[gap]] } })),
  ])
  return {
    total,
    page: query.page,
    pageCount: Math.max(1, Math.ceil(total / query.pageSize)),
    gapCounts: Object.fromEntries(GUIDE_GAPS.map((gap, i) => [gap, counts[i]!])) as Record<GuideGap, number>,
    items: await withOpenGuideRequests(db, rows),
  }
}

export async function getGuideWorkspaceItem(db: Db, id: number): Promise<GuideWorkspaceItem | null> {
  const item = await db.powerItem.findUnique({ where: { id }, include: rowInclude })
  if (!item) return null
  const [row] = await withOpenGuideRequests(db, [item])
  const halls = await db.serviceHall.findMany({ where: { departmentId: item.departmentId }, orderBy: [{ sortOrder: 'asc' }, { id: 'asc' }] })
  return { ...row!, guide: item.guide ? guideFields(item.guide) : null, revision: item.guide?.revision ?? 0, halls: halls.map(hallView) }
}
