// The power list (权力清单, types 01-10) and public services (type 20) as published, with the
// counts behind each filter. Cancelled items stay on the list with their status.
import type { Db, Prisma } from '../../utils/prisma'
import { ITEM_TYPE_KEYS, isPower, itemTypeByKey } from '../../../shared/item-types'
import { ADMIN_LEVELS, type PowerListQuery } from '../../../shared/lists'
import { ITEM_STATUSES } from '../../../shared/lists'
import type { PowerItemPage, PowerItemRow } from '../../../shared/list-views'
import { departmentFilter, departmentRefSelect } from './departments-ref'
import { countedOnce, filterCounts, pageOf, pageWindow } from './paging'
import { powerItemsAsOf } from './as-of'

const POWER_TYPES = ITEM_TYPE_KEYS.filter(isPower)

type Facet = 'dept' | 'type' | 'status' | 'level'

/** Without a type filter the power list means types 01-10; public services are asked for by type. */
function powerWhere(query: PowerListQuery, except?: Facet): Prisma.PowerItemWhereInput {
  return {
    type: except === 'type' ? undefined : { in: query.type.length ? query.type : POWER_TYPES },
    departmentId: except === 'dept' || !query.dept.length ? undefined : { in: query.dept },
    status: except === 'status' || !query.status.length ? undefined : { in: query.status },
    level: except === 'level' || !query.level.length ? undefined : { in: query.level },
  }
}

export const powerRowSelect = {
  code: true, name: true, type: true, groupName: true, level: true, status: true,
  statusDocumentNo: true, statusChangedAt: true, hasDemoContent: true,
  department: { select: departmentRefSelect },
} as const satisfies Prisma.PowerItemSelect

export function powerRow(item: Prisma.PowerItemGetPayload<{ select: typeof powerRowSelect }>): PowerItemRow {
  return {
    ...item,
    typeCode: itemTypeByKey(item.type)?.code ?? '',
    statusChangedAt: item.statusChangedAt?.toISOString() ?? null,
  }
}

export async function listPowerItems(db: Db, query: PowerListQuery): Promise<PowerItemPage> {
  if (query.date) return powerItemsAsOf(db, { ...query, date: query.date })
  const where = powerWhere(query)
  const [items, total, byDept, byType, byStatus, byLevel] = await Promise.all([
    db.powerItem.findMany({
      where,
      select: powerRowSelect,
      orderBy: [{ department: { sortOrder: 'asc' } }, { type: 'asc' }, { code: 'asc' }],
      ...pageWindow(query),
    }),
    countedOnce(['power-items', where], () => db.powerItem.count({ where })),
    countedOnce(['power-items:dept', powerWhere(query, 'dept')], () => db.powerItem.groupBy({ by: ['departmentId'], where: powerWhere(query, 'dept'), _count: { _all: true } })),
    countedOnce(['power-items:type', powerWhere(query, 'type')], () => db.powerItem.groupBy({ by: ['type'], where: powerWhere(query, 'type'), _count: { _all: true } })),
    countedOnce(['power-items:status', powerWhere(query, 'status')], () => db.powerItem.groupBy({ by: ['status'], where: powerWhere(query, 'status'), _count: { _all: true } })),
    countedOnce(['power-items:level', powerWhere(query, 'level')], () => db.powerItem.groupBy({ by: ['level'], where: powerWhere(query, 'level'), _count: { _all: true } })),
  ])
  return {
    ...pageOf(items.map(powerRow), total, query),
    asOf: null,
    filters: {
      dept: await departmentFilter(db, byDept, query.dept),
      type: filterCounts(ITEM_TYPE_KEYS, new Map(byType.map((g) => [g.type, g._count._all])), query.type),
      status: filterCounts(ITEM_STATUSES, new Map(byStatus.map((g) => [g.status, g._count._all])), query.status),
      level: filterCounts(ADMIN_LEVELS, new Map(byLevel.map((g) => [g.level, g._count._all])), query.level),
    },
  }
}
