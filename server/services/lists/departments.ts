// Departments (部门) with what each holds on the three lists.
import type { Db } from '../../utils/prisma'
import { ITEM_TYPE_KEYS, isPower, itemTypeByKey } from '../../../shared/item-types'
import type { DepartmentRow, DepartmentView, ListCounts } from '../../../shared/list-views'
import { boundaryInclude, boundaryView, dutyRow, dutyRowInclude } from './duties'
import { listFunds } from './funds'
import { countedOnce } from './paging'
import { listServiceHalls } from '../guides/halls'

type Grouped = { departmentId: number; _count: { _all: number } }[]

async function countsByDepartment(db: Db, departmentId?: number): Promise<(id: number) => ListCounts> {
  const dept = departmentId === undefined ? {} : { departmentId }
  const [power, services, duties, funds] = await countedOnce(['departments:counts', departmentId], () => Promise.all([
    db.powerItem.groupBy({ by: ['departmentId'], where: { ...dept, type: { not: 'PUBLIC_SERVICE' }, status: { not: 'CANCELLED' } }, _count: { _all: true } }),
    db.powerItem.groupBy({ by: ['departmentId'], where: { ...dept, type: 'PUBLIC_SERVICE', status: { not: 'CANCELLED' } }, _count: { _all: true } }),
    db.duty.groupBy({ by: ['departmentId'], where: dept, _count: { _all: true } }),
    db.specialFund.groupBy({ by: ['departmentId'], where: dept, _count: { _all: true } }),
  ]))
  const lookup = (groups: Grouped) => new Map(groups.map((g) => [g.departmentId, g._count._all]))
  const [p, s, d, f] = [lookup(power), lookup(services), lookup(duties), lookup(funds)]
  return (id) => ({ powerItems: p.get(id) ?? 0, publicServices: s.get(id) ?? 0, duties: d.get(id) ?? 0, funds: f.get(id) ?? 0 })
}

export async function listDepartments(db: Db): Promise<DepartmentRow[]> {
  const [departments, counts] = await Promise.all([
    db.department.findMany({ orderBy: [{ sortOrder: 'asc' }, { id: 'asc' }], select: { id: true, code: true, name: true, shortName: true, level: true } }),
    countsByDepartment(db),
  ])
  return departments.map((d) => ({ ...d, counts: counts(d.id) }))
}

export async function getDepartment(db: Db, code: string): Promise<DepartmentView | null> {
  const department = await db.department.findUnique({ where: { code }, select: { id: true, code: true, name: true, shortName: true, level: true } })
  if (!department) return null
  const where = { departmentId: department.id }
  const [counts, byType, publicServices, duties, powerDuties, boundaries, funds, halls] = await Promise.all([
    countsByDepartment(db, department.id),
    db.powerItem.groupBy({ by: ['type', 'status'], where: { ...where, type: { not: 'PUBLIC_SERVICE' } }, _count: { _all: true } }),
    db.powerItem.findMany({ where: { ...where, type: 'PUBLIC_SERVICE' }, select: { code: true, name: true, status: true }, orderBy: { code: 'asc' } }),
    db.duty.findMany({ where: { ...where, kind: { in: ['DEPARTMENT_DUTY', 'SUPERVISION'] } }, include: dutyRowInclude, orderBy: { code: 'asc' } }),
    db.duty.count({ where: { ...where, kind: 'POWER_DUTY' } }),
    db.dutyBoundary.findMany({ where: { departments: { some: where } }, include: boundaryInclude, orderBy: { code: 'asc' } }),
    // A department holds a few dozen funds at most; 200 is the list's largest page.
    listFunds(db, { dept: [department.id], year: [], method: [], sort: 'year', page: 1, pageSize: 200 }),
    listServiceHalls(db, department.id),
  ])
  const powerByType = ITEM_TYPE_KEYS.filter(isPower).flatMap((type) => {
    const groups = byType.filter((g) => g.type === type)
    const total = groups.reduce((sum, g) => sum + g._count._all, 0)
    const cancelled = groups.find((g) => g.status === 'CANCELLED')?._count._all ?? 0
    return total ? [{ type, typeCode: itemTypeByKey(type)!.code, total, cancelled }] : []
  })
  const rows = duties.map(dutyRow)
  return {
    ...department,
    counts: counts(department.id),
    powerByType,
    publicServices,
    departmentDuties: rows.filter((d) => d.kind === 'DEPARTMENT_DUTY'),
    supervision: rows.filter((d) => d.kind === 'SUPERVISION'),
    powerDuties,
    boundaries: boundaries.map(boundaryView),
    funds: funds.items,
    halls,
  }
}
