// The Chinese names the server writes (downloads, announcements, search facets, the spreadsheet
// import, the audit export, the feeds and the mails) for the values and fields the database
// stores: one table per kind of value, and a change of a field as one line of text. The pages
// word the same values through i18n/locales/<language>/.
import type { AdminLevel, AllocationMethod, DutyKind, ItemStatus, ListKind } from '../../shared/lists'
import { itemTypeByKey } from '../../shared/item-types'
import type { FieldChange } from '../../shared/diff'
import type { MaterialForm, MaterialSource, OnlineLevel } from '../../shared/guides'

export const LEVEL_NAMES: Record<AdminLevel, string> = {
  PROVINCE: '省级',
  CITY: '市级',
  COUNTY: '县（区）级',
  TOWNSHIP: '乡镇（街道）级',
  VILLAGE: '村（社区）级',
}

export const STATUS_NAMES: Record<ItemStatus, string> = { IN_FORCE: '实施中', DELEGATED: '已下放', CANCELLED: '已取消' }

export const METHOD_NAMES: Record<AllocationMethod, string> = { FACTOR: '因素法', PROJECT: '项目法' }

export const DUTY_TYPE_NAMES: Record<DutyKind, string> = { DEPARTMENT_DUTY: '部门职责', POWER_DUTY: '责任事项', SUPERVISION: '事中事后监管' }

export const ACTION_NAMES: Record<string, string> = {
  ADD: '新增',
  UPDATE: '修改',
  RETAIN: '保留',
  DELEGATE: '下放',
  CANCEL: '取消',
  ADJUST: '调整',
  MERGE: '合并',
}

/** 网上办理深度, 申请材料来源 and 材料形式 of a service guide. */
export const ONLINE_LEVEL_NAMES: Record<OnlineLevel, string> = { FULLY_ONLINE: '全程网办', PRE_CHECK: '网上预审', INFO_ONLY: '网上咨询查询' }
export const MATERIAL_SOURCE_NAMES: Record<MaterialSource, string> = { SELF: '申请人自备', DEPARTMENT: '部门出具', SHARED: '政府部门共享' }
export const MATERIAL_FORM_NAMES: Record<MaterialForm, string> = { PAPER: '纸质', ELECTRONIC: '电子', PAPER_OR_ELECTRONIC: '纸质或电子' }

/** The lists by their official names. */
export const LIST_NAMES: Record<ListKind, string> = { power: '权力清单', responsibility: '责任清单', fund: '财政专项资金管理清单' }

export const ROLE_NAMES: Record<string, string> = { EDITOR: '部门经办人', REFORM_OFFICE: '审改办', AUDITOR: '审计监督', ADMIN: '系统管理员' }

/** What a record or an audit entry is about, by its entity type. */
export const ENTITY_NAMES: Record<string, string> = {
  POWER_ITEM: '权力事项',
  DUTY: '责任事项',
  DUTY_BOUNDARY: '职责边界',
  SPECIAL_FUND: '专项资金',
  DEPARTMENT: '部门',
  USER: '用户',
  SYNONYM: '同义词',
  LIST_VERSION: '清单版本',
  CHANGE_REQUEST: '变更申请',
  SETTING: '系统设置',
  SERVICE_GUIDE: '办事指南',
  SERVICE_HALL: '服务窗口',
  LIFE_EVENT: '一件事',
  REFORM_TASK: '改革任务',
}

/** Snapshot fields by name, for the "what changed" column of a version's changes. */
export const FIELD_NAMES: Record<string, string> = {
  code: '编码',
  name: '名称',
  title: '名称',
  aliases: '俗称',
  type: '事项类型',
  kind: '类别',
  departmentId: '实施主体',
  department: '实施主体',
  groupName: '所属主项',
  legalBasis: '设定依据',
  basis: '依据',
  content: '内容',
  level: '行使层级',
  timeLimit: '承诺时限',
  fees: '收费',
  contact: '咨询电话',
  status: '状态',
  delegatedToLevel: '下放层级',
  delegatedToDepartmentId: '下放部门',
  delegatedToDepartment: '下放部门',
  mergedIntoId: '合并至',
  mergedInto: '合并至',
  powerItem: '对应事项',
  statusDocumentNo: '状态文号',
  powerItemId: '对应事项',
  cases: '追责情形',
  year: '年度',
  amount: '资金规模',
  purpose: '用途',
  recipients: '支持对象',
  allocationMethod: '分配方式',
  performanceTargets: '绩效目标',
  periodStart: '起始年度',
  periodEnd: '截止年度',
  howToApply: '申报方式',
  allocations: '分配结果',
  isDemo: '示例数据',
  conditions: '受理条件',
  materials: '申请材料',
  steps: '办理流程',
  locations: '办理地点',
  legalTimeLimitDays: '法定时限',
  promisedTimeLimitDays: '承诺时限（工作日）',
  feeFree: '是否收费',
  feeStandard: '收费标准',
  feeBasis: '收费依据',
  visits: '到现场次数',
  onlineLevel: '网上办理深度',
  onlineUrl: '网上办理地址',
  consultPhone: '办事指南咨询电话',
  complaintPhone: '监督投诉电话',
  resultName: '办理结果',
  faqs: '常见问题',
}

export const label = (names: Record<string, string>, key: string | null | undefined): string => (key ? names[key] ?? key : '')

/** The names of a field's values, where it holds codes. */
const VALUE_NAMES: Record<string, (value: string) => string | undefined> = {
  type: (v) => itemTypeByKey(v)?.zh,
  kind: (v) => label(DUTY_TYPE_NAMES, v) || undefined,
  level: (v) => label(LEVEL_NAMES, v) || undefined,
  delegatedToLevel: (v) => label(LEVEL_NAMES, v) || undefined,
  status: (v) => label(STATUS_NAMES, v) || undefined,
  allocationMethod: (v) => label(METHOD_NAMES, v) || undefined,
}

/** A value of a record's field as a reader is shown it: names for codes, lists one entry a line. */
export function fieldValueText(field: string, value: unknown): string {
  if (value === null || value === undefined || value === '' || (Array.isArray(value) && !value.length)) return '（空）'
  if (Array.isArray(value)) {
    if (value.every((v) => typeof v !== 'object' || v === null)) return value.join('、')
    return value.map((v: Record<string, unknown>, i) => `${i + 1}. ${[v.content ?? v.recipient, v.project, v.amount ? `${String(v.amount)}万元` : null, v.basis ? `（${String(v.basis)}）` : null, v.publishedOn].filter(Boolean).join(' ')}`).join('\n')
  }
  if (typeof value === 'boolean') return value ? '是' : '否'
  if (field === 'amount') return `${String(value)}万元`
  return VALUE_NAMES[field]?.(String(value)) ?? String(value)
}

/** "承诺时限：20个工作日 → 7个工作日" */
export function fieldChangeText(change: FieldChange): string {
  return `${label(FIELD_NAMES, change.field)}：${fieldValueText(change.field, change.before)} → ${fieldValueText(change.field, change.after)}`
}
