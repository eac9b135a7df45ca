// The special-fund list (财政专项资金管理清单): funds by year, department, size and allocation
// method, and each fund with its published allocations.
import type { Db, Prisma } from '../../utils/prisma'
import { ALLOCATION_METHODS, type FundListQuery } from '../../../shared/lists'
import type { FundPage, FundRow, FundView } from '../../../shared/list-views'
import { departmentFilter, departmentRefSelect } from './departments-ref'
import { filterCounts, isoDate, pageOf, pageWindow } from './paging'
import { publicHistory } from '../history'
import { fundsAsOf } from './as-of'

type Facet = 'dept' | 'year' | 'method'

function fundWhere(query: FundListQuery, except?: Facet): Prisma.SpecialFundWhereInput {
  return {
    departmentId: except === 'dept' || !query.dept.length ? undefined : { in: query.dept },
    year: except === 'year' || !query.year.length ? undefined : { in: query.year },
    allocationMethod: except === 'method' || !query.method.length ? undefined : { in: query.method },
    amount: query.minAmount === undefined && query.maxAmount === undefined ? undefined : { gte: query.minAmount, lte: query.maxAmount },
  }
}

const ORDER: Record<FundListQuery['sort'], Prisma.SpecialFundOrderByWithRelationInput[]> = {
  year: [{ year: 'desc' }, { department: { sortOrder: 'asc' } }, { code: 'asc' }],
  amount: [{ amount: 'desc' }, { code: 'asc' }],
  name: [{ name: 'asc' }, { code: 'asc' }],
}

const fundRowInclude = { department: { select: departmentRefSelect } } as const satisfies Prisma.SpecialFundInclude

function fundRow(fund: Prisma.SpecialFundGetPayload<{ include: typeof fundRowInclude }>): FundRow {
  return {
    code: fund.code,
    name: fund.name,
    department: fund.department,
    year: fund.year,
    amount: fund.amount.toFixed(2),
    allocationMethod: fund.allocationMethod,
    periodStart: fund.periodStart,
    periodEnd: fund.periodEnd,
    status: fund.status,
    isDemo: fund.isDemo,
  }
}

export async function listFunds(db: Db, query: FundListQuery): Promise<FundPage> {
  if (query.date) return fundsAsOf(db, { ...query, date: query.date })
  const where = fundWhere(query)
  const [funds, total, sum, byDept, byYear, byMethod] = await Promise.all([
    db.specialFund.findMany({ where, include: fundRowInclude, orderBy: ORDER[query.sort], ...pageWindow(query) }),
    db.specialFund.count({ where }),
    db.specialFund.aggregate({ where, _sum: { amount: true } }),
    db.specialFund.groupBy({ by: ['departmentId'], where: fundWhere(query, 'dept'), _count: { _all: true } }),
    db.specialFund.groupBy({ by: ['year'], where: fundWhere(query, 'year'), _count: { _all: true } }),
    db.specialFund.groupBy({ by: ['allocationMethod'], where: fundWhere(query, 'method'), _count: { _all: true } }),
  ])
  const years = [...new Set([...byYear.map((g) => g.year), ...query.year])].sort((a, b) => b - a).map(String)
  return {
    ...pageOf(funds.map(fundRow), total, query),
    asOf: null,
    totalAmount: sum._sum.amount?.toFixed(2) ?? '0.00',
    filters: {
      dept: await departmentFilter(db, byDept, query.dept),
      year: filterCounts(years, new Map(byYear.map((g) => [String(g.year), g._count._all])), query.year),
      method: filterCounts(ALLOCATION_METHODS, new Map(byMethod.map((g) => [g.allocationMethod, g._count._all])), query.method),
    },
  }
}

export async function getFund(db: Db, code: string): Promise<FundView | null> {
  const fund = await db.specialFund.findUnique({
    where: { code },
    include: { ...fundRowInclude, allocations: { orderBy: [{ publishedOn: 'asc' }, { id: 'asc' }] } },
  })
  if (!fund) return null
  // Summed by PostgreSQL in numeric, so the total is exact to the fen.
  const allocated = await db.fundAllocation.aggregate({ where: { fundId: fund.id }, _sum: { amount: true } })
  return {
    ...fundRow(fund),
    legalBasis: fund.legalBasis,
    purpose: fund.purpose,
    recipients: fund.recipients,
    performanceTargets: fund.performanceTargets,
    howToApply: fund.howToApply,
    publishedAt: fund.publishedAt.toISOString(),
    allocations: fund.allocations.map((a) => ({ recipient: a.recipient, project: a.project, amount: a.amount.toFixed(2), publishedOn: isoDate(a.publishedOn) })),
    allocatedAmount: allocated._sum.amount?.toFixed(2) ?? '0.00',
    history: await publicHistory(db, 'SPECIAL_FUND', fund.id),
  }
}

