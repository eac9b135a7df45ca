// 权力清单 and public services as a download: every PowerItem, cancelled ones included (a
// cancelled item stays public with its document), filtered like the portal's list, each with its
// 办事指南 as it stood at the same instant: summary columns on the first sheet, its materials on a
// sheet of their own keyed by item code, nested in JSON.
import type { ExportFilters, PowerItemRecord } from '../../../shared/open-data'
import { itemTypeNames } from '../../../shared/item-types'
import type { GuideMaterial } from '../../../shared/guides'
import { powerItemSnapshot, type PowerItemSnapshot } from '../lists/snapshots'
import { guideSnapshotsAt } from '../guides/records'
import { anyOf, byDepartmentThenCode, departmentName, type ListDefinition } from './list-definition'
import { label, LEVEL_NAMES, MATERIAL_FORM_NAMES, MATERIAL_SOURCE_NAMES, ONLINE_LEVEL_NAMES, STATUS_NAMES } from '../labels'
import { table, type Column } from './tables'

const yesNo = (v: boolean | null | undefined) => (v === null || v === undefined ? null : v ? '是' : '否')
const lines = (list: string[]) => list.map((x, i) => `${i + 1}. ${x}`).join('\n') || null

const columns: Column<PowerItemRecord>[] = [
  { header: '事项编码', value: (r) => r.code, width: 30, field: 'code', meaning: '实施编码：全国一体化政务服务平台的事项编码，唯一标识一个事项' },
  { header: '事项名称', value: (r) => r.name, width: 40, field: 'name', meaning: '事项的正式名称' },
  { header: '俗称', value: (r) => r.aliases.join('、'), field: 'aliases', type: 'list', meaning: '群众常用的叫法，多个以“、”分隔' },
  { header: '事项类型', value: (r) => r.typeName, width: 14, field: 'typeName', meaning: '十类行政权力（行政许可、行政处罚……）或公共服务' },
  { header: '类型编码', value: (r) => r.typeCode, width: 10, field: 'typeCode', meaning: '事项类型的国家目录编码：01-10 为行政权力，20 为公共服务' },
  { header: '实施主体', value: (r) => r.department, width: 24, field: 'department', meaning: '实施该事项的部门' },
  { header: '所属主项', value: (r) => r.groupName, width: 30, field: 'groupName', meaning: '部门对事项的归类（主项），子项所属的母项' },
  { header: '设定依据', value: (r) => r.legalBasis, width: 50, field: 'legalBasis', meaning: '清单公布的设定依据（法律、法规、规章）' },
  { header: '行使层级', value: (r) => label(LEVEL_NAMES, r.level), width: 14, field: 'level', meaning: '事项在哪一级行使：省级、市级、县（区）级、乡镇（街道）级、村（社区）级' },
  { header: '承诺时限', value: (r) => r.timeLimit, field: 'timeLimit', meaning: '清单公布的承诺时限（文字）；办事指南的时限见“承诺时限（工作日）”' },
  { header: '收费', value: (r) => r.fees, field: 'fees', meaning: '清单公布的收费说明（文字）' },
  { header: '咨询电话', value: (r) => r.contact, field: 'contact', meaning: '清单公布的咨询电话' },
  { header: '状态', value: (r) => label(STATUS_NAMES, r.status), width: 10, field: 'status', meaning: '实施中、已下放或已取消；取消的事项保留公布' },
  { header: '下放层级', value: (r) => label(LEVEL_NAMES, r.delegatedToLevel) || null, field: 'delegatedToLevel', meaning: '已下放事项下放到的层级' },
  { header: '下放部门', value: (r) => r.delegatedToDepartment, field: 'delegatedToDepartment', meaning: '已下放事项承接的部门' },
  { header: '合并至事项', value: (r) => r.mergedInto, field: 'mergedInto', meaning: '已合并事项并入的事项编码' },
  { header: '状态文号', value: (r) => r.statusDocumentNo, width: 24, field: 'statusDocumentNo', meaning: '最近一次状态变化（保留、下放、取消……）所依据的文号' },
  { header: '有办事指南', value: (r) => yesNo(!!r.guide), field: 'guide', type: 'boolean', meaning: '该事项是否发布了办事指南；没有时以下办事指南各列为空' },
  { header: '受理条件', value: (r) => (r.guide ? lines(r.guide.conditions) : null), width: 40, field: 'guide.conditions', type: 'list', meaning: '办事指南：受理条件，每条一行' },
  { header: '法定时限（工作日）', value: (r) => r.guide?.legalTimeLimitDays ?? null, field: 'guide.legalTimeLimitDays', type: 'integer', meaning: '办事指南：法律法规规定的办理时限，工作日' },
  { header: '承诺时限（工作日）', value: (r) => r.guide?.promisedTimeLimitDays ?? null, field: 'guide.promisedTimeLimitDays', type: 'integer', meaning: '办事指南：部门承诺的办理时限，工作日；0 为即办' },
  { header: '是否收费', value: (r) => (r.guide?.feeFree === undefined || r.guide?.feeFree === null ? null : r.guide.feeFree ? '不收费' : '收费'), field: 'guide.feeFree', type: 'boolean', meaning: '办事指南：不收费或收费；为空表示指南未说明' },
  { header: '收费标准', value: (r) => r.guide?.feeStandard ?? null, width: 24, field: 'guide.feeStandard', meaning: '办事指南：收费的标准' },
  { header: '收费依据', value: (r) => r.guide?.feeBasis ?? null, width: 40, field: 'guide.feeBasis', meaning: '办事指南：收费所依据的文件' },
  { header: '到现场次数', value: (r) => r.guide?.visits ?? null, field: 'guide.visits', type: 'integer', meaning: '办事指南：申请人需要到现场的次数（“最多跑一次”为0或1）' },
  { header: '网上办理深度', value: (r) => (r.guide?.onlineLevel ? ONLINE_LEVEL_NAMES[r.guide.onlineLevel] : null), field: 'guide.onlineLevel', meaning: '办事指南：全程网办、网上预审或网上咨询查询；为空表示不能网上办理' },
  { header: '网上办理地址', value: (r) => r.guide?.onlineUrl ?? null, width: 40, field: 'guide.onlineUrl', meaning: '办事指南：网上办理的网址' },
  { header: '办理流程', value: (r) => (r.guide ? lines(r.guide.steps.map((s) => (s.description ? `${s.title}：${s.description}` : s.title))) : null), width: 40, field: 'guide.steps', type: 'list', meaning: '办事指南：办理环节，按顺序每行一个' },
  { header: '办理地点', value: (r) => (r.guide ? r.guide.locations.map((l) => l.name).join('；') || null : null), width: 30, field: 'guide.locations', type: 'list', meaning: '办事指南：办理的服务窗口（地址、时间、电话见各部门服务窗口）' },
  { header: '办理结果', value: (r) => r.guide?.resultName ?? null, width: 24, field: 'guide.resultName', meaning: '办事指南：办结后申请人得到的证照或批文' },
  { header: '办事指南咨询电话', value: (r) => r.guide?.consultPhone ?? null, field: 'guide.consultPhone', meaning: '办事指南：咨询电话' },
  { header: '监督投诉电话', value: (r) => r.guide?.complaintPhone ?? null, field: 'guide.complaintPhone', meaning: '办事指南：监督投诉电话' },
  { header: '办事指南设定依据', value: (r) => (r.guide ? r.guide.legalBasis.map((b) => `${b.law}${b.article ? b.article : ''}`).join('；') || null : null), width: 40, field: 'guide.legalBasis', type: 'list', meaning: '办事指南：设定依据的法律法规及条款' },
  { header: '办事指南为示例', value: (r) => (r.guide ? yesNo(r.guide.isDemo) : null), field: 'guide.isDemo', type: 'boolean', meaning: '“是”表示办事指南是系统生成的示例数据，并非部门发布' },
]

type MaterialRow = GuideMaterial & { item: PowerItemRecord; n: number }

const materialColumns: Column<MaterialRow>[] = [
  { header: '事项编码', value: (m) => m.item.code, width: 30, field: 'code', meaning: '材料所属事项的编码（对应“权力清单”工作表）' },
  { header: '事项名称', value: (m) => m.item.name, width: 36, field: 'name', meaning: '材料所属事项的名称' },
  { header: '序号', value: (m) => m.n, width: 6, type: 'integer', meaning: '材料在办事指南中的顺序' },
  { header: '材料名称', value: (m) => m.name, width: 36, field: 'guide.materials[].name', meaning: '申请材料的名称' },
  { header: '是否必需', value: (m) => yesNo(m.required), width: 10, field: 'guide.materials[].required', type: 'boolean', meaning: '“是”为必须提交；“否”为仅在“需要情形”所述情形下提交' },
  { header: '需要情形', value: (m) => m.requiredWhen, width: 30, field: 'guide.materials[].requiredWhen', meaning: '非必需材料在什么情形下需要提交' },
  { header: '原件份数', value: (m) => m.originalCount, width: 10, field: 'guide.materials[].originalCount', type: 'integer', meaning: '需要提交（或出示）的原件份数' },
  { header: '复印件份数', value: (m) => m.copyCount, width: 10, field: 'guide.materials[].copyCount', type: 'integer', meaning: '需要提交的复印件份数' },
  { header: '材料形式', value: (m) => MATERIAL_FORM_NAMES[m.form], width: 12, field: 'guide.materials[].form', meaning: '纸质、电子，或纸质或电子均可' },
  { header: '来源', value: (m) => MATERIAL_SOURCE_NAMES[m.source], width: 14, field: 'guide.materials[].source', meaning: '申请人自备、由其他部门出具，或政府部门共享获取（申请人无需提交）' },
  { header: '出具部门', value: (m) => m.issuedBy, width: 24, field: 'guide.materials[].issuedBy', meaning: '由其他部门出具的材料，出具它的部门或单位' },
  { header: '空白表格或样表', value: (m) => m.sampleUrl, width: 30, field: 'guide.materials[].sampleUrl', meaning: '空白表格或填写样表的网址' },
  { header: '说明', value: (m) => m.note, width: 40, field: 'guide.materials[].note', meaning: '材料的补充说明' },
  { header: '示例数据', value: (m) => yesNo(m.item.guide?.isDemo), width: 10, type: 'boolean', meaning: '“是”表示该材料所在的办事指南为示例数据' },
]

/** The materials of every record's guide, one row each, keyed by item code: the second sheet, and the materials CSV. */
export function materialsTable(records: PowerItemRecord[]) {
  return table('申请材料', materialColumns, records.flatMap((item) => (item.guide?.materials ?? []).map((m, i) => ({ ...m, item, n: i + 1 }))))
}

export const powerList: ListDefinition<PowerItemSnapshot, ExportFilters['power'], PowerItemRecord> = {
  list: 'power',
  entityType: 'POWER_ITEM',
  fileName: { zh: '权力清单', ascii: 'power-list' },
  published: async (db) => {
    const items = await db.powerItem.findMany({ orderBy: { id: 'asc' } })
    return items.map((item) => ({ id: item.id, revision: item.revision, publishedAt: item.publishedAt, snapshot: powerItemSnapshot(item) }))
  },
  moreLookups: async (db, at) => ({ guides: await guideSnapshotsAt(db, at) }),
  matches: (s, f) => anyOf(f.dept, s.departmentId) && anyOf(f.type, s.type) && anyOf(f.status, s.status) && anyOf(f.level, s.level),
  toRecord: (s, lookups) => {
    const guide = lookups.guides?.get(s.code)
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
      guide: guide ? (({ itemCode: _code, ...rest }) => rest)(guide) : null,
    }
  },
  order: (_filters, lookups) => byDepartmentThenCode(lookups),
  tables: (records) => [table('权力清单', columns, records), materialsTable(records)],
}
