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
  { header: '资金编码', value: (r) => r.code, width: 20, field: 'code', meaning: '专项资金的编码' },
  { header: '资金名称', value: (r) => r.name, width: 36, field: 'name', meaning: '专项资金的名称' },
  { header: '资金项目编码', value: (r) => r.seriesCode, width: 20, field: 'seriesCode', meaning: '延续多年的资金各年度共用的编码；单一年度的资金为其资金编码' },
  { header: '主管部门', value: (r) => r.department, width: 24, field: 'department', meaning: '主管该资金的部门' },
  { header: '年度', value: (r) => r.year, width: 8, field: 'year', type: 'integer', meaning: '资金年度' },
  { header: '资金规模（万元）', value: (r) => Number(r.amount), money: true, field: 'amount', meaning: '资金规模，单位万元，两位小数（JSON 中为字符串，不失精度）' },
  { header: '设立依据', value: (r) => r.legalBasis, width: 40, field: 'legalBasis', meaning: '设立该资金的文件' },
  { header: '用途', value: (r) => r.purpose, width: 40, field: 'purpose', meaning: '资金用途' },
  { header: '支持对象', value: (r) => r.recipients, width: 30, field: 'recipients', meaning: '谁可以获得该资金' },
  { header: '分配方式', value: (r) => label(METHOD_NAMES, r.allocationMethod), width: 10, field: 'allocationMethod', meaning: '因素法或项目法' },
  { header: '绩效目标', value: (r) => r.performanceTargets, width: 40, field: 'performanceTargets', meaning: '资金的绩效目标' },
  { header: '实施期限', value: (r) => `${r.periodStart}—${r.periodEnd}`, width: 12, field: 'periodStart', meaning: '实施的起止年度（JSON 中为 periodStart 与 periodEnd）' },
  { header: '申报方式', value: (r) => r.howToApply, width: 40, field: 'howToApply', meaning: '如何申报' },
  { header: '状态', value: (r) => label(STATUS_NAMES, r.status), width: 10, field: 'status', meaning: '实施中或已取消' },
  { header: '分配结果', value: joinAllocations, width: 60, field: 'allocations', type: 'list', meaning: '已公布的分配结果，每条一行；Excel 中另见“分配结果”工作表' },
  { header: '示例数据', value: (r) => (r.isDemo ? '是' : '否'), width: 10, field: 'isDemo', type: 'boolean', meaning: '“是”表示系统生成的示例数据' },
]

const allocationColumns: Column<Allocation>[] = [
  { header: '资金编码', value: (a) => a.fund.code, width: 20, field: 'code', meaning: '分配所属专项资金的编码' },
  { header: '资金名称', value: (a) => a.fund.name, width: 36, field: 'name', meaning: '分配所属专项资金的名称' },
  { header: '受益对象', value: (a) => a.recipient, width: 36, field: 'allocations[].recipient', meaning: '获得资金的单位或个人' },
  { header: '项目', value: (a) => a.project, width: 36, field: 'allocations[].project', meaning: '资金支持的项目' },
  { header: '金额（万元）', value: (a) => Number(a.amount), money: true, field: 'allocations[].amount', meaning: '分配金额，单位万元' },
  { header: '公布日期', value: (a) => a.publishedOn, width: 12, field: 'allocations[].publishedOn', type: 'date', meaning: '分配结果公布的日期' },
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
