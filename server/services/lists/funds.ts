// The special-fund list (财政专项资金管理清单): funds by year, department, size and allocation
// method, and each fund with its published allocations.
import type { Db, Prisma } from '../../utils/prisma'
import { ALLOCATION_METHODS, type FundListQuery } from '../../../shared/lists'
import type { FundPage, FundRow, FundView } from '../../../shared/list-views'
import { departmentFilter, departmentRefSelect } from './departments-ref'
import { countedOnce, filterCounts, isoDate, pageOf, pageWindow } from './paging'
import { publicHistory } from '../history'
import { fundsAsOf, sumWan } from './as-of'

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

/** The identity of a fund across its years: its series, or its own code. */
export const fundIdentity = (fund: { code: string; seriesCode: string | null }) => fund.seriesCode ?? fund.code

/** The years of a fund: those naming it as their identity, and the fund whose own code it is. */
export const fundSeriesWhere = (identity: string): Prisma.SpecialFundWhereInput => ({ OR: [{ seriesCode: identity }, { seriesCode: null, code: identity }] })

/** A fund's identity as an editor may give it: the identity itself, or the code of one of its years. */
export async function resolveFundIdentity(db: Db | Prisma.TransactionClient, given: string): Promise<string> {
  const year = await db.specialFund.findUnique({ where: { code: given }, select: { code: true, seriesCode: true } })
  return year ? fundIdentity(year) : given
}

type FundWithDepartment = Prisma.SpecialFundGetPayload<{ include: typeof fundRowInclude }>

function fundRow(fund: FundWithDepartment, previous: FundRow['previous']): FundRow {
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
    seriesCode: fundIdentity(fund),
    previous,
  }
}

/** Each fund with its entry of the year before, where the fund had one. */
async function withPrevious(db: Db, funds: FundWithDepartment[]): Promise<FundRow[]> {
  const wanted = funds.flatMap((f) => [{ seriesCode: fundIdentity(f), year: f.year - 1 }, { seriesCode: null, code: fundIdentity(f), year: f.year - 1 }])
  const previous = wanted.length ? await db.specialFund.findMany({ where: { OR: wanted }, select: { code: true, seriesCode: true, year: true, amount: true } }) : []
  const byKey = new Map(previous.map((p) => [`${fundIdentity(p)}|${p.year}`, { code: p.code, year: p.year, amount: p.amount.toFixed(2) }]))
  return funds.map((f) => fundRow(f, byKey.get(`${fundIdentity(f)}|${f.year - 1}`) ?? null))
}

export async function listFunds(db: Db, query: FundListQuery): Promise<FundPage> {
  if (query.date) return fundsAsOf(db, { ...query, date: query.date })
  const where = fundWhere(query)
  const [funds, total, sum, byDept, byYear, byMethod] = await Promise.all([
    db.specialFund.findMany({ where, include: fundRowInclude, orderBy: ORDER[query.sort], ...pageWindow(query) }),
    countedOnce(['funds', where], () => db.specialFund.count({ where })),
    countedOnce(['funds:sum', where], () => db.specialFund.aggregate({ where, _sum: { amount: true } })),
    countedOnce(['funds:dept', fundWhere(query, 'dept')], () => db.specialFund.groupBy({ by: ['departmentId'], where: fundWhere(query, 'dept'), _count: { _all: true } })),
    countedOnce(['funds:year', fundWhere(query, 'year')], () => db.specialFund.groupBy({ by: ['year'], where: fundWhere(query, 'year'), _count: { _all: true }, _sum: { amount: true } })),
    countedOnce(['funds:method', fundWhere(query, 'method')], () => db.specialFund.groupBy({ by: ['allocationMethod'], where: fundWhere(query, 'method'), _count: { _all: true } })),
  ])
  const years = [...new Set([...byYear.map((g) => g.year), ...query.year])].sort((a, b) => b - a).map(String)
  return {
    ...pageOf(await withPrevious(db, funds), total, query),
    asOf: null,
    totalAmount: sum._sum.amount?.toFixed(2) ?? '0.00',
    byYear: byYear.map((g) => ({ year: g.year, count: g._count._all, amount: g._sum.amount?.toFixed(2) ?? '0.00' })).sort((a, b) => b.year - a.year),
    filters: {
      dept: await departmentFilter(db, byDept, query.dept),
      year: filterCounts(years, new Map(byYear.map((g) => [String(g.year), g._count._all])), query.year),
      method: filterCounts(ALLOCATION_METHODS, new Map(byMethod.map((g) => [g.allocationMethod, g._count._all])), query.method),
    },
  }
}

const allocationOrder = { orderBy: [{ publishedOn: 'asc' }, { id: 'asc' }] } as const satisfies Prisma.SpecialFund$allocationsArgs

/** One fund with its allocations, its public history and every year of it, each with what was allocated. */
export async function getFund(db: Db, code: string): Promise<FundView | null> {
  const fund = await db.specialFund.findUnique({ where: { code }, include: { ...fundRowInclude, allocations: allocationOrder } })
  if (!fund) return null
  const series = await db.specialFund.findMany({ where: fundSeriesWhere(fundIdentity(fund)), include: { allocations: allocationOrder }, orderBy: { year: 'asc' } })
  const allocations = (rows: typeof fund.allocations) => rows.map((a) => ({ recipient: a.recipient, project: a.project, amount: a.amount.toFixed(2), publishedOn: isoDate(a.publishedOn) }))
  const [row] = await withPrevious(db, [fund])
  return {
    ...row!,
    legalBasis: fund.legalBasis,
    purpose: fund.purpose,
    recipients: fund.recipients,
    performanceTargets: fund.performanceTargets,
    howToApply: fund.howToApply,
    publishedAt: fund.publishedAt.toISOString(),
    allocations: allocations(fund.allocations),
    // Summed exactly, in fen.
    allocatedAmount: sumWan(fund.allocations.map((a) => a.amount.toFixed(2))),
    years: series.map((f) => ({ code: f.code, year: f.year, amount: f.amount.toFixed(2), status: f.status, allocatedAmount: sumWan(f.allocations.map((a) => a.amount.toFixed(2))), allocations: allocations(f.allocations) })),
    history: await publicHistory(db, 'SPECIAL_FUND', fund.id),
  }
}
