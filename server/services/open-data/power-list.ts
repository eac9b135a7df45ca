// 权力清单 and public services as a download: every PowerItem, cancelled ones included (a
// cancelled item stays public with its document), filtered like the portal's list.
import type { ExportFilters, PowerItemRecord } from '../../../shared/open-data'
import { itemTypeNames } from '../../../shared/item-types'
import { powerItemSnapshot, type PowerItemSnapshot } from '../lists/snapshots'
import { anyOf, byDepartmentThenCode, departmentName, type ListDefinition } from './list-definition'
import { label, LEVEL_NAMES, STATUS_NAMES } from '../labels'
import { table, type Column } from './tables'

const columns: Column<PowerItemRecord>[] = [
  { header: '事项编码', value: (r) => r.code, width: 30 },
  { header: '事项名称', value: (r) => r.name, width: 40 },
  { header: '俗称', value: (r) => r.aliases.join('、') },
  { header: '事项类型', value: (r) => r.typeName, width: 14 },
  { header: '类型编码', value: (r) => r.typeCode, width: 10 },
  { header: '实施主体', value: (r) => r.department, width: 24 },
  { header: '所属主项', value: (r) => r.groupName, width: 30 },
  { header: '设定依据', value: (r) => r.legalBasis, width: 50 },
  { header: '行使层级', value: (r) => label(LEVEL_NAMES, r.level), width: 14 },
  { header: '承诺时限', value: (r) => r.timeLimit },
  { header: '收费', value: (r) => r.fees },
  { header: '咨询电话', value: (r) => r.contact },
  { header: '状态', value: (r) => label(STATUS_NAMES, r.status), width: 10 },
  { header: '下放层级', value: (r) => label(LEVEL_NAMES, r.delegatedToLevel) || null },
  { header: '下放部门', value: (r) => r.delegatedToDepartment },
  { header: '合并至事项', value: (r) => r.mergedInto },
  { header: '状态文号', value: (r) => r.statusDocumentNo, width: 24 },
]

export const powerList: ListDefinition<PowerItemSnapshot, ExportFilters['power'], PowerItemRecord> = {
  list: 'power',
  entityType: 'POWER_ITEM',
  fileName: { zh: '权力清单', ascii: 'power-list' },
  published: async (db) => {
    const items = await db.powerItem.findMany({ orderBy: { id: 'asc' } })
    return items.map((item) => ({ id: item.id, revision: item.revision, publishedAt: item.publishedAt, snapshot: powerItemSnapshot(item) }))
  },
  matches: (s, f) => anyOf(f.dept, s.departmentId) && anyOf(f.type, s.type) && anyOf(f.status, s.status) && anyOf(f.level, s.level),
  toRecord: (s, lookups) => {
    return {
      code: s.code,
      name: s.name,
      aliases: s.aliases,
      type: s.type,
      ...itemTypeNames(s.type),
      departmentId: s.departmentId,
      department: departmentName(lookups, s.departmentId),
      groupName: s.groupName,
      legalBasis: s.legalBasis,
      level: s.level,
      timeLimit: s.timeLimit,
      fees: s.fees,
      contact: s.contact,
      status: s.status,
      delegatedToLevel: s.delegatedToLevel,
      delegatedToDepartment: departmentName(lookups, s.delegatedToDepartmentId) || null,
      mergedInto: s.mergedIntoId ? lookups.itemCodes.get(s.mergedIntoId) ?? null : null,
      statusDocumentNo: s.statusDocumentNo,
    }
  },
  order: (_filters, lookups) => byDepartmentThenCode(lookups),
  tables: (records) => [table('权力清单', columns, records)],
}
