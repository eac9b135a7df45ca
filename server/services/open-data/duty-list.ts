// 责任清单 as a download: every duty with its accountability cases and the power item it
// belongs to. The cases are one joined cell in a spreadsheet and an array in JSON.
import type { DutyRecord, ExportFilters } from '../../../shared/open-data'
import { dutySnapshot, type DutySnapshot } from '../lists/snapshots'
import { anyOf, byDepartmentThenCode, departmentName, type ListDefinition } from './list-definition'
import { DUTY_TYPE_NAMES, label, STATUS_NAMES } from '../labels'
import { table, type Column } from './tables'

const joinCases = (cases: DutyRecord['cases']) => cases.map((c, i) => `${i + 1}. ${c.content}${c.basis ? `（依据：${c.basis}）` : ''}`).join('\n')

const columns: Column<DutyRecord>[] = [
  { header: '责任编码', value: (r) => r.code, width: 24, field: 'code', meaning: '责任事项的编码' },
  { header: '类别', value: (r) => r.kindName, width: 14, field: 'kindName', meaning: '部门职责、责任事项（对应权力事项）或事中事后监管制度' },
  { header: '实施主体', value: (r) => r.department, width: 24, field: 'department', meaning: '承担该责任的部门' },
  { header: '事项编码', value: (r) => r.powerItemCode, width: 30, field: 'powerItemCode', meaning: '责任事项对应的权力事项编码' },
  { header: '责任事项', value: (r) => r.title, width: 40, field: 'title', meaning: '责任事项的名称' },
  { header: '责任内容', value: (r) => r.content, width: 60, field: 'content', meaning: '部门须履行的责任' },
  { header: '依据', value: (r) => r.basis, width: 40, field: 'basis', meaning: '责任的法律法规依据' },
  { header: '追责情形', value: (r) => joinCases(r.cases), width: 60, field: 'cases', type: 'list', meaning: '不履行或不正确履行责任时追究责任的情形及依据，每条一行' },
  { header: '状态', value: (r) => label(STATUS_NAMES, r.status), width: 10, field: 'status', meaning: '实施中或已取消' },
  { header: '示例数据', value: (r) => (r.isDemo ? '是' : '否'), width: 10, field: 'isDemo', type: 'boolean', meaning: '“是”表示系统生成的示例数据' },
]

export const dutyList: ListDefinition<DutySnapshot, ExportFilters['responsibility'], DutyRecord> = {
  list: 'responsibility',
  entityType: 'DUTY',
  fileName: { zh: '责任清单', ascii: 'responsibility-list' },
  published: async (db) => {
    const duties = await db.duty.findMany({ orderBy: { id: 'asc' }, include: { accountabilityCases: true } })
    return duties.map((duty) => ({ id: duty.id, revision: duty.revision, publishedAt: duty.publishedAt, snapshot: dutySnapshot(duty) }))
  },
  matches: (s, f) => anyOf(f.dept, s.departmentId) && anyOf(f.kind, s.kind),
  toRecord: (s, lookups) => ({
    code: s.code,
    kind: s.kind,
    kindName: DUTY_TYPE_NAMES[s.kind],
    departmentId: s.departmentId,
    department: departmentName(lookups, s.departmentId),
    powerItemCode: s.powerItemId ? lookups.itemCodes.get(s.powerItemId) ?? null : null,
    title: s.title,
    content: s.content,
    basis: s.basis,
    // Versions recorded before duties could be cancelled carry no status: they were in force.
    status: s.status ?? 'IN_FORCE',
    isDemo: s.isDemo,
    cases: s.cases,
  }),
  order: (_filters, lookups) => byDepartmentThenCode(lookups),
  tables: (records) => [table('责任清单', columns, records)],
}
