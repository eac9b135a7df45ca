// Departments as the list services name them: the reference on every row, and the labels of the
// department filter in the order the government lists its departments.
import type { Db } from '../../utils/prisma'
import type { DepartmentRef, FilterCount } from '../../../shared/list-views'
import { countedOnce, filterCounts } from './paging'
import { DEPARTMENT_FILTER_LIMIT } from '../../../shared/list-views'

export const departmentRefSelect = { id: true, code: true, name: true } as const

export async function departmentFilter(db: Db, counts: { departmentId: number; _count: { _all: number } }[], selected: number[]): Promise<FilterCount[]> {
  const departments: DepartmentRef[] = await countedOnce(['departments:refs'], () => db.department.findMany({ select: departmentRefSelect, orderBy: [{ sortOrder: 'asc' }, { id: 'asc' }] }))
  const byId = new Map(departments.map((d) => [String(d.id), d.name]))
  const all = filterCounts(departments.map((d) => String(d.id)), new Map(counts.map((c) => [String(c.departmentId), c._count._all])), selected, (id) => byId.get(id) ?? id)
  return capFilter(all, selected, DEPARTMENT_FILTER_LIMIT)
}

/**
 * At city scale thousands of departments would each be a link on every list page (megabytes of
 * HTML): a filter offers the `limit` values with the most records, in their usual order, and any
 * chosen one; the department directory has the rest.
 */
export function capFilter(values: FilterCount[], selected: readonly (string | number)[], limit: number): FilterCount[] {
  if (values.length <= limit) return values
  const chosen = new Set(selected.map(String))
  const top = new Set([...values].sort((a, b) => b.count - a.count).slice(0, limit).map((v) => v.value))
  return values.filter((v) => top.has(v.value) || chosen.has(v.value))
}
