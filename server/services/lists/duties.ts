// The responsibility list (责任清单): department duties, the duties and accountability cases
// behind each power, supervision measures, and the boundaries where departments' duties meet.
import type { Db, Prisma } from '../../utils/prisma'
import { DUTY_KINDS, type BoundaryListQuery, type DutyListQuery } from '../../../shared/lists'
import type { BoundaryPage, BoundaryView, DutyPage, DutyRow } from '../../../shared/list-views'
import { departmentFilter, departmentRefSelect } from './departments-ref'
import { countedOnce, filterCounts, pageOf, pageWindow } from './paging'
import { dutyView } from './snapshots'
import { dutiesAsOf } from './as-of'

export const dutyRowInclude = {
  department: { select: departmentRefSelect },
  powerItem: { select: { code: true, name: true, status: true } },
  accountabilityCases: { orderBy: { sortOrder: 'asc' }, select: { content: true, basis: true } },
} as const satisfies Prisma.DutyInclude

export function dutyRow(duty: Prisma.DutyGetPayload<{ include: typeof dutyRowInclude }>): DutyRow {
  return { ...dutyView(duty), department: duty.department, powerItem: duty.powerItem }
}

function dutyWhere(query: DutyListQuery, except?: 'dept' | 'kind'): Prisma.DutyWhereInput {
  return {
    departmentId: except === 'dept' || !query.dept.length ? undefined : { in: query.dept },
    kind: except === 'kind' || !query.kind.length ? undefined : { in: query.kind },
  }
}

export async function listDuties(db: Db, query: DutyListQuery): Promise<DutyPage> {
  if (query.date) return dutiesAsOf(db, { ...query, date: query.date })
  const where = dutyWhere(query)
  const [duties, total, byDept, byKind] = await Promise.all([
    db.duty.findMany({
      where,
      include: dutyRowInclude,
      orderBy: [{ department: { sortOrder: 'asc' } }, { kind: 'asc' }, { code: 'asc' }],
      ...pageWindow(query),
    }),
    countedOnce(['duties', where], () => db.duty.count({ where })),
    countedOnce(['duties:dept', dutyWhere(query, 'dept')], () => db.duty.groupBy({ by: ['departmentId'], where: dutyWhere(query, 'dept'), _count: { _all: true } })),
    countedOnce(['duties:kind', dutyWhere(query, 'kind')], () => db.duty.groupBy({ by: ['kind'], where: dutyWhere(query, 'kind'), _count: { _all: true } })),
  ])
  return {
    ...pageOf(duties.map(dutyRow), total, query),
    asOf: null,
    filters: {
      dept: await departmentFilter(db, byDept, query.dept),
      kind: filterCounts(DUTY_KINDS, new Map(byKind.map((g) => [g.kind, g._count._all])), query.kind),
    },
  }
}

export const boundaryInclude = {
  departments: { include: { department: { select: departmentRefSelect } } },
} as const satisfies Prisma.DutyBoundaryInclude

export function boundaryView(boundary: Prisma.DutyBoundaryGetPayload<{ include: typeof boundaryInclude }>): BoundaryView {
  return {
    code: boundary.code,
    title: boundary.title,
    content: boundary.content,
    basis: boundary.basis,
    isDemo: boundary.isDemo,
    departments: boundary.departments
      .toSorted((a, b) => Number(b.isLead) - Number(a.isLead) || a.department.id - b.department.id)
      .map((d) => ({ department: d.department, responsibility: d.responsibility, isLead: d.isLead })),
  }
}

export async function listBoundaries(db: Db, query: BoundaryListQuery): Promise<BoundaryPage> {
  const where: Prisma.DutyBoundaryWhereInput = query.dept.length ? { departments: { some: { departmentId: { in: query.dept } } } } : {}
  const [boundaries, total, byDept] = await Promise.all([
    db.dutyBoundary.findMany({ where, include: boundaryInclude, orderBy: { code: 'asc' }, ...pageWindow(query) }),
    countedOnce(['boundaries', where], () => db.dutyBoundary.count({ where })),
    countedOnce(['boundaries:dept'], () => db.dutyBoundaryDepartment.groupBy({ by: ['departmentId'], _count: { _all: true } })),
  ])
  return {
    ...pageOf(boundaries.map(boundaryView), total, query),
    filters: { dept: await departmentFilter(db, byDept, query.dept) },
  }
}
