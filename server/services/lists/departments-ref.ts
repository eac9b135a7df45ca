// Departments as the list services name them: the reference on every row, and the labels of the
// department filter in the order the government lists its departments.
import type { Db } from '../../utils/prisma'
import type { DepartmentRef, FilterCount } from '../../../shared/list-views'
import { filterCounts } from './paging'

export const departmentRefSelect = { id: true, code: true, name: true } as const

export async function departmentFilter(db: Db, counts: { departmentId: number; _count: { _all: number } }[], selected: number[]): Promise<FilterCount[]> {
  const departments: DepartmentRef[] = await db.department.findMany({ select: departmentRefSelect, orderBy: [{ sortOrder: 'asc' }, { id: 'asc' }] })
  const byId = new Map(departments.map((d) => [String(d.id), d.name]))
  return filterCounts(departments.map((d) => String(d.id)), new Map(counts.map((c) => [String(c.departmentId), c._count._all])), selected, (id) => byId.get(id) ?? id)
}
