// 财政专项资金管理清单 as a download: one row per fund; its published allocations are one
// joined cell in CSV, a second sheet in Excel and a nested array in JSON.
import type { ExportFilters, FundRecord } from '../../../shared/open-data'
import { fundSnapshot, type FundSnapshot } from '../lists/snapshots'
import { anyOf, departmentName, type ListDefinition } from './list-definition'
import { label, METHOD_NAMES, STATUS_NAMES } from '../labels'
import { table, type Column } from './tables'

type Allocation = FundRecord['allocations'][number] & { fund: FundRecord }

const joinAllocations = (r: FundRecord) => r.allocations.map((a) => `${a.recipient}${a.project ? `（${a.project}）` : ''}：${a.amount}万元，${a.publishedOn}`).join('\n')

const fundColumns: Column<FundRecord>[] = [
  { header: '资金编码', value: (r) => r.code, width: 20 },
  { header: '资金名称', value: (r) => r.name, width: 36 },
  { header: '资金项目编码', value: (r) => r.seriesCode, width: 20 },
  { header: '主管部门', value: (r) => r.department, width: 24 },
  { header: '年度', value: (r) => r.year, width: 8 },
  { header: '资金规模（万元）', value: (r) => Number(r.amount), money: true },
  { header: '设立依据', value: (r) => r.legalBasis, width: 40 },
  { header: '用途', value: (r) => r.purpose, width: 40 },
  { header: '支持对象', value: (r) => r.recipients, width: 30 },
  { header: '分配方式', value: (r) => label(METHOD_NAMES, r.allocationMethod), width: 10 },
  { header: '绩效目标', value: (r) => r.performanceTargets, width: 40 },
  { header: '实施期限', value: (r) => `${r.periodStart}—${r.periodEnd}`, width: 12 },
  { header: '申报方式', value: (r) => r.howToApply, width: 40 },
  { header: '状态', value: (r) => label(STATUS_NAMES, r.status), width: 10 },
  { header: '分配结果', value: joinAllocations, width: 60 },
  { header: '示例数据', value: (r) => (r.isDemo ? '是' : '否'), width: 10 },
]

const allocationColumns: Column<Allocation>[] = [
  { header: '资金编码', value: (a) => a.fund.code, width: 20 },
  { header: '资金名称', value: (a) => a.fund.name, width: 36 },
  { header: '受益对象', value: (a) => a.recipient, width: 36 },
  { header: '项目', value: (a) => a.project, width: 36 },
  { header: '金额（万元）', value: (a) => Number(a.amount), money: true },
  { header: '公布日期', value: (a) => a.publishedOn, width: 12 },
]

const ORDERS = {
  year: (a: FundRecord, b: FundRecord) => b.year - a.year || a.code.localeCompare(b.code),
  amount: (a: FundRecord, b: FundRecord) => Number(b.amount) - Number(a.amount) || a.code.localeCompare(b.code),
  name: (a: FundRecord, b: FundRecord) => a.name.localeCompare(b.name, 'zh-CN') || a.code.localeCompare(b.code),
}

export const fundList: ListDefinition<FundSnapshot, ExportFilters['fund'], FundRecord> = {
  list: 'fund',
  entityType: 'SPECIAL_FUND',
  fileName: { zh: '财政专项资金管理清单', ascii: 'fund-list' },
  published: async (db) => {
    const funds = await db.specialFund.findMany({ orderBy: { id: 'asc' }, include: { allocations: true } })
    return funds.map((fund) => ({ id: fund.id, revision: fund.revision, publishedAt: fund.publishedAt, snapshot: fundSnapshot(fund) }))
  },
  matches: (s, f) => {
    const amount = Number(s.amount)
    return anyOf(f.dept, s.departmentId) && anyOf(f.year, s.year) && anyOf(f.method, s.allocationMethod)
      && (f.minAmount === undefined || amount >= f.minAmount) && (f.maxAmount === undefined || amount <= f.maxAmount)
  },
  // A fund without a series identity (and versions from before there was one) is its own.
  toRecord: (s, lookups) => ({ ...s, seriesCode: s.seriesCode ?? s.code, department: departmentName(lookups, s.departmentId) }),
  order: (filters) => ORDERS[filters.sort],
  tables: (records) => [
    table('专项资金', fundColumns, records),
    table('分配结果', allocationColumns, records.flatMap((fund) => fund.allocations.map((a) => ({ ...a, fund })))),
  ],
}
