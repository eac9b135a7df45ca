// What differs between the three spreadsheets (power items, duties, special funds): their columns
// and how a cell becomes a field, which records a code names, how a published record reads as a
// row, and the instructions of the template. sheet-rows.ts and spreadsheet.ts read a list from
// here instead of branching on it.
import type { z } from 'zod'
import type { Db, Prisma } from '../../utils/prisma'
import { dutyFieldsSchema, fundFieldsSchema, powerItemFieldsSchema, recordCodeSchema, type DraftEntityType } from '../../../shared/drafts'
import { itemCodeSchema } from '../../../shared/items'
import { itemTypeByKey, ITEM_TYPES } from '../../../shared/item-types'
import { ADMIN_LEVELS, ALLOCATION_METHODS, DUTY_KINDS } from '../../../shared/lists'
import { ALIAS_SEPARATOR, SHEET_COLUMNS_OF, SHEET_LIMITS, type SheetIssueCode, type SheetListKey } from '../../../shared/spreadsheet'
import { DUTY_TYPE_NAMES, LEVEL_NAMES, METHOD_NAMES } from '../open-data/labels'
import type { Cell } from '../open-data/tables'

type Tx = Prisma.TransactionClient

export interface SheetColumn { key: string; header: string; width: number }

/** A cell whose text must be one of a few names (事项类型, 行使层级, 责任类别, 分配方式). */
interface Choice {
  of: (text: string) => string | undefined
  /** the issue when the text is none of them; INVALID_TYPE and INVALID_LEVEL are the power sheet's */
  issue: Extract<SheetIssueCode, 'INVALID_TYPE' | 'INVALID_LEVEL' | 'INVALID_CHOICE'>
  allowed: string
}

/** A published record as the import checks a row's code against it. */
export interface SheetRecord { id: number; code: string; departmentId: number; status: string; revision: number; department: { name: string } }

export interface SheetList<R extends { code: string } = { code: string }> {
  key: SheetListKey
  entityType: DraftEntityType
  /** what the list calls one record, in the messages: 事项, 责任事项, 专项资金 */
  noun: string
  /** the data sheet's name, also the list's name in file names */
  sheetName: string
  asciiName: string
  columns: readonly SheetColumn[]
  codeSchema: z.ZodString
  codeMax: number
  /** the fields of a row, as drafts of this list carry them */
  schema: z.ZodType<Record<string, unknown>>
  required: readonly string[]
  choices: Record<string, Choice>
  /** cells that are not plain text; `raw` is the cell before trimming */
  convert: Record<string, (text: string, raw: string) => unknown>
  /** a column naming another record by its code, resolved by spreadsheet.ts (a duty's power item) */
  reference?: string
  /** the records with these codes, of any department */
  find: (db: Tx | Db, codes: string[]) => Promise<(R & SheetRecord)[]>
  /** the department's records that can still change, for the export */
  exportRecords: (db: Db, departmentId: number) => Promise<R[]>
  /** a record's cells in the export, by column key */
  values: Record<string, (record: R) => Cell>
  money?: readonly string[]
  /** a published record's fields as a row giving them would, so that equal means unchanged */
  fields: (record: R) => Record<string, unknown> | null
  instructions: [string, string][]
}

const choice = (values: readonly string[], names: Record<string, string>, issue: Choice['issue']): Choice => ({
  of: (text) => values.find((v) => names[v] === text),
  issue,
  allowed: values.map((v) => names[v]).join('、'),
})

export function splitAliases(text: string): string[] {
  return text.split(/[、,，;；\n]/).map((a) => a.trim()).filter(Boolean)
}

const COMMON_INSTRUCTIONS = (codeColumn: string): [string, string][] => [
  ['全部或全不', '文件中有任何错误时不会导入任何内容；导入页面会列出每个错误所在的行和列。'],
  ['限制', `文件不超过 ${SHEET_LIMITS.maxBytes / 1024 / 1024} MB，不超过 ${SHEET_LIMITS.maxRows} 行；第1行为列名，请勿修改列名。空行会被跳过。`],
  [`${codeColumn}（必填）`, '字母、数字和连字符。请把该列设为“文本”格式，以免 Excel 把长数字改成科学计数法。'],
]
const FORMULA_INSTRUCTION: [string, string] = ['公式', '请填写文本或数值；公式单元格按 Excel 保存的计算结果读取，没有结果的会被拒绝。']

// ---- 权力事项 ----

type PowerRecord = Prisma.PowerItemGetPayload<object>

const power: SheetList<PowerRecord> = {
  key: 'power',
  entityType: 'POWER_ITEM',
  noun: '事项',
  sheetName: '权力事项',
  asciiName: 'power-items',
  columns: SHEET_COLUMNS_OF.power,
  codeSchema: itemCodeSchema,
  codeMax: 200,
  schema: powerItemFieldsSchema,
  required: ['name', 'type', 'level'],
  choices: {
    // By its Chinese name, or by its catalogue code (01-10, 20) for those who know it.
    type: { of: (text) => ITEM_TYPES.find((t) => t.zh === text || t.code === text)?.type, issue: 'INVALID_TYPE', allowed: ITEM_TYPES.map((t) => t.zh).join('、') },
    level: choice(ADMIN_LEVELS, LEVEL_NAMES, 'INVALID_LEVEL'),
  },
  convert: { aliases: (text) => splitAliases(text) },
  find: (db, codes) => db.powerItem.findMany({ where: { code: { in: codes } }, include: { department: { select: { name: true } } } }),
  exportRecords: (db, departmentId) => db.powerItem.findMany({ where: { departmentId, status: { not: 'CANCELLED' } }, orderBy: { code: 'asc' } }),
  values: {
    code: (i) => i.code,
    name: (i) => i.name,
    aliases: (i) => i.aliases.join(ALIAS_SEPARATOR),
    type: (i) => itemTypeByKey(i.type)?.zh ?? i.type,
    groupName: (i) => i.groupName,
    legalBasis: (i) => i.legalBasis,
    level: (i) => LEVEL_NAMES[i.level] ?? i.level,
    timeLimit: (i) => i.timeLimit,
    fees: (i) => i.fees,
    contact: (i) => i.contact,
  },
  fields: (i) => {
    const parsed = powerItemFieldsSchema.safeParse({ ...i, aliases: splitAliases(i.aliases.join(ALIAS_SEPARATOR)) })
    return parsed.success ? parsed.data : null
  },
  instructions: [
    ['用途', '每行一个权力事项。导入后成为本部门的草稿，提交审改办审核后才会公布。'],
    ['新增与修改', '事项编码是本部门已公布事项的，导入为该事项的修改草稿（内容没有变化的行不生成草稿）；新的事项编码导入为新增事项的草稿。'],
    ['不能导入的行', '其他部门的事项、已取消的事项、已有未完成变更的事项，以及同一文件中重复的事项编码。'],
    ...COMMON_INSTRUCTIONS('事项编码'),
    ['事项名称（必填）', '2 至 200 个字。'],
    ['俗称', `群众常用的叫法，多个用“${ALIAS_SEPARATOR}”分隔，最多 10 个，每个不超过 30 个字。`],
    ['事项类型（必填）', ITEM_TYPES.map((t) => t.zh).join('、')],
    ['所属主项', '不超过 200 个字。'],
    ['设定依据', '法律、法规、规章的名称和条款，不超过 5000 个字。'],
    ['行使层级（必填）', ADMIN_LEVELS.map((l) => LEVEL_NAMES[l]).join('、')],
    ['承诺时限', '如“20个工作日”，不超过 100 个字。'],
    ['收费', '如“不收费”，不超过 500 个字。'],
    ['咨询电话', '不超过 100 个字。'],
    FORMULA_INSTRUCTION,
  ],
}

// ---- 责任事项 ----

interface Case { content: string; basis: string | null }

const CASE_BASIS = /^([\s\S]*?)\s*[（(]依据[:：]\s*([\s\S]*?)\s*[)）]\s*$/

/**
 * 追责情形 in one cell. With line breaks, each line is one case; without, a case ends after each
 * 「；」 outside brackets (Chinese lists end every case with one). A case's basis, if any, follows
 * it as （依据：…）, which may hold 「；」 itself.
 */
export function splitCases(raw: string): Case[] {
  const text = raw.replace(/\r\n?/g, '\n')
  const parts: string[] = []
  if (text.includes('\n')) parts.push(...text.split('\n'))
  else {
    let depth = 0
    let part = ''
    for (const char of text) {
      part += char
      if ('（(【['.includes(char)) depth++
      else if ('）)】]'.includes(char)) depth = Math.max(0, depth - 1)
      else if ((char === '；' || char === ';') && depth === 0) { parts.push(part); part = '' }
    }
    parts.push(part)
  }
  const cases: Case[] = []
  for (let part of parts.map((p) => p.trim()).filter(Boolean)) {
    // A basis that opens a segment follows the 「；」 of the case before it and belongs to that case.
    const [leading, rest] = leadingBasis(part)
    if (leading !== null && cases.length && cases.at(-1)!.basis === null) {
      cases.at(-1)!.basis = leading
      part = rest
      if (!part) continue
    }
    const match = CASE_BASIS.exec(part)
    cases.push({ content: (match ? match[1]! : part).trim(), basis: match ? match[2]!.trim() || null : null })
  }
  return cases
}

/** （依据：…） at the start of a segment, up to its own closing bracket, and what follows it. */
function leadingBasis(part: string): [string | null, string] {
  const open = /^[（(]依据[:：]/.exec(part)
  if (!open) return [null, part]
  let depth = 1
  for (let i = open[0].length; i < part.length; i++) {
    if ('（(【['.includes(part[i]!)) depth++
    else if ('）)】]'.includes(part[i]!) && --depth === 0) return [part.slice(open[0].length, i).trim() || null, part.slice(i + 1).trim()]
  }
  return [null, part]
}

/**
 * The cell splitCases reads back as the same cases: one per line. A single case that a 「；」
 * inside it would split gets a line break after it, which keeps the cell in "one per line".
 */
export function joinCases(cases: Case[]): string {
  const lines = cases.map((c) => (c.basis ? `${c.content}（依据：${c.basis}）` : c.content))
  const cell = lines.join('\n')
  return lines.length === 1 && splitCases(cell).length > 1 ? `${cell}\n` : cell
}

const dutyInclude = { powerItem: { select: { code: true } }, accountabilityCases: { orderBy: { sortOrder: 'asc' } } } as const
type DutyRecord = Prisma.DutyGetPayload<{ include: typeof dutyInclude }>

const duty: SheetList<DutyRecord> = {
  key: 'duty',
  entityType: 'DUTY',
  noun: '责任事项',
  sheetName: '责任事项',
  asciiName: 'duties',
  columns: SHEET_COLUMNS_OF.duty,
  codeSchema: recordCodeSchema,
  codeMax: 100,
  schema: dutyFieldsSchema,
  required: ['kind', 'title', 'content'],
  choices: { kind: choice(DUTY_KINDS, DUTY_TYPE_NAMES, 'INVALID_CHOICE') },
  convert: { cases: (_text, raw) => splitCases(raw), powerItemId: () => null },
  reference: 'powerItemId',
  find: (db, codes) => db.duty.findMany({ where: { code: { in: codes } }, include: { ...dutyInclude, department: { select: { name: true } } } }),
  exportRecords: (db, departmentId) => db.duty.findMany({ where: { departmentId, status: { not: 'CANCELLED' } }, include: dutyInclude, orderBy: { code: 'asc' } }),
  values: {
    code: (d) => d.code,
    kind: (d) => DUTY_TYPE_NAMES[d.kind],
    title: (d) => d.title,
    content: (d) => d.content,
    basis: (d) => d.basis,
    powerItemId: (d) => d.powerItem?.code ?? null,
    cases: (d) => joinCases(d.accountabilityCases),
  },
  fields: (d) => {
    const parsed = dutyFieldsSchema.safeParse({ ...d, cases: splitCases(joinCases(d.accountabilityCases)) })
    return parsed.success ? parsed.data : null
  },
  instructions: [
    ['用途', '每行一个责任事项（责任清单）。导入后成为本部门的草稿，提交审改办审核后才会公布。'],
    ['新增与修改', '责任事项编码是本部门已公布责任事项的，导入为修改草稿（内容没有变化的行不生成草稿）；新的编码导入为新增责任事项的草稿。'],
    ['不能导入的行', '其他部门的责任事项、已取消的责任事项、已有未完成变更的责任事项，以及同一文件中重复的编码。'],
    ...COMMON_INSTRUCTIONS('责任事项编码'),
    ['责任类别（必填）', DUTY_KINDS.map((k) => DUTY_TYPE_NAMES[k]).join('、')],
    ['责任事项名称（必填）', '2 至 200 个字。'],
    ['责任内容（必填）', '4 至 5000 个字。'],
    ['责任依据', '不超过 5000 个字。'],
    ['对应权力事项编码', '本部门实施中的权力事项的事项编码；部门职责可不填。'],
    ['追责情形', '一个单元格填写全部追责情形，最多 30 条：每条一行（单元格内换行：Excel 中按 Alt+Enter），或用“；”分隔。每条至少 4 个字；有追责依据的，写在该条末尾的括号中，如“对符合法定条件的申请不予受理的；（依据：《中华人民共和国行政许可法》第七十二条）”。'],
    FORMULA_INSTRUCTION,
  ],
}

// ---- 专项资金 ----

type FundRecord = Prisma.SpecialFundGetPayload<object>

const fund: SheetList<FundRecord> = {
  key: 'fund',
  entityType: 'SPECIAL_FUND',
  noun: '专项资金',
  sheetName: '专项资金',
  asciiName: 'special-funds',
  columns: SHEET_COLUMNS_OF.fund,
  codeSchema: recordCodeSchema,
  codeMax: 100,
  schema: fundFieldsSchema,
  required: SHEET_COLUMNS_OF.fund.map((c) => c.key).filter((k) => k !== 'code'),
  choices: { allocationMethod: choice(ALLOCATION_METHODS, METHOD_NAMES, 'INVALID_CHOICE') },
  convert: {},
  find: (db, codes) => db.specialFund.findMany({ where: { code: { in: codes } }, include: { department: { select: { name: true } } } }),
  exportRecords: (db, departmentId) => db.specialFund.findMany({ where: { departmentId, status: { not: 'CANCELLED' } }, orderBy: { code: 'asc' } }),
  values: {
    code: (f) => f.code,
    name: (f) => f.name,
    year: (f) => f.year,
    amount: (f) => Number(f.amount),
    legalBasis: (f) => f.legalBasis,
    purpose: (f) => f.purpose,
    recipients: (f) => f.recipients,
    allocationMethod: (f) => METHOD_NAMES[f.allocationMethod] ?? f.allocationMethod,
    performanceTargets: (f) => f.performanceTargets,
    periodStart: (f) => f.periodStart,
    periodEnd: (f) => f.periodEnd,
    howToApply: (f) => f.howToApply,
  },
  money: ['amount'],
  fields: (f) => {
    const parsed = fundFieldsSchema.safeParse({ ...f, amount: f.amount.toFixed(2) })
    return parsed.success ? parsed.data : null
  },
  instructions: [
    ['用途', '每行一项财政专项资金。导入后成为本部门的草稿，提交审改办审核后才会公布；分配结果不在此表中。'],
    ['新增与修改', '资金编码是本部门已公布专项资金的，导入为修改草稿（内容没有变化的行不生成草稿）；新的编码导入为新增专项资金的草稿。'],
    ['不能导入的行', '其他部门的专项资金、已取消的专项资金、已有未完成变更的专项资金，以及同一文件中重复的编码。'],
    ...COMMON_INSTRUCTIONS('资金编码'),
    ['资金名称（必填）', '2 至 200 个字。'],
    ['年度（必填）', '2000 至 2100 之间的年份，如 2026。'],
    ['资金规模（万元）（必填）', '大于 0 的数字，单位万元，最多两位小数，如 1200.50。'],
    ['设立依据、资金用途、绩效目标、申报方式（必填）', '至少 2 个字，不超过 5000 个字。'],
    ['支持对象（必填）', '至少 2 个字，不超过 2000 个字。'],
    ['分配方式（必填）', ALLOCATION_METHODS.map((m) => METHOD_NAMES[m]).join('、')],
    ['实施起始年度、实施截止年度（必填）', '2000 至 2100 之间的年份；截止年度不能早于起始年度。'],
    FORMULA_INSTRUCTION,
  ],
}

export const SHEET_LIST_DEFS: Record<SheetListKey, SheetList> = {
  power: power as unknown as SheetList,
  duty: duty as unknown as SheetList,
  fund: fund as unknown as SheetList,
}
