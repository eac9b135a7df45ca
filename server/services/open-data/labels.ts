// The Chinese names the downloads show for the enum values and fields the database stores.
export { DUTY_TYPE_NAMES } from '../search/documents'

export const LEVEL_NAMES: Record<string, string> = {
  PROVINCE: '省级',
  CITY: '市级',
  COUNTY: '县（区）级',
  TOWNSHIP: '乡镇（街道）级',
  VILLAGE: '村（社区）级',
}

export const STATUS_NAMES: Record<string, string> = { IN_FORCE: '实施中', DELEGATED: '已下放', CANCELLED: '已取消' }

export const METHOD_NAMES: Record<string, string> = { FACTOR: '因素法', PROJECT: '项目法' }

export const ACTION_NAMES: Record<string, string> = {
  ADD: '新增',
  UPDATE: '修改',
  RETAIN: '保留',
  DELEGATE: '下放',
  CANCEL: '取消',
  ADJUST: '调整',
  MERGE: '合并',
}

export const LIST_NAMES = { power: '权力清单', responsibility: '责任清单', fund: '财政专项资金管理清单' } as const

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
  mergedIntoId: '合并至',
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
