// The spreadsheets a department editor downloads, fills in and imports (docs/ARCHITECTURE.md,
// "Spreadsheet import"), one per list: their columns, their limits, and the per-row report the
// import answers with.
import { z } from 'zod'
import { recordId } from './query'
import { DRAFT_KINDS, recordsParam, type ListKind } from './lists'
import type { DutyFields, FundFields, PowerItemFields } from './drafts'

/** The columns of the template, the export and the import, in this order, by their header. */
export const SHEET_COLUMNS = [
  { key: 'code', header: '事项编码', width: 50 },
  { key: 'name', header: '事项名称', width: 40 },
  { key: 'aliases', header: '俗称', width: 24 },
  { key: 'type', header: '事项类型', width: 14 },
  { key: 'groupName', header: '所属主项', width: 30 },
  { key: 'legalBasis', header: '设定依据', width: 50 },
  { key: 'level', header: '行使层级', width: 16 },
  { key: 'timeLimit', header: '承诺时限', width: 16 },
  { key: 'fees', header: '收费', width: 16 },
  { key: 'contact', header: '咨询电话', width: 16 },
] as const satisfies readonly { key: keyof PowerItemFields | 'code'; header: string; width: number }[]

export type SheetColumnKey = (typeof SHEET_COLUMNS)[number]['key']

/** The duty sheet: the power item by its code, the accountability cases in one cell. */
export const DUTY_SHEET_COLUMNS = [
  { key: 'code', header: '责任事项编码', width: 40 },
  { key: 'kind', header: '责任类别', width: 16 },
  { key: 'title', header: '责任事项名称', width: 40 },
  { key: 'content', header: '责任内容', width: 60 },
  { key: 'basis', header: '责任依据', width: 50 },
  { key: 'powerItemId', header: '对应权力事项编码', width: 40 },
  { key: 'cases', header: '追责情形', width: 80 },
] as const satisfies readonly { key: keyof DutyFields | 'code'; header: string; width: number }[]

export const FUND_SHEET_COLUMNS = [
  { key: 'code', header: '资金编码', width: 30 },
  { key: 'name', header: '资金名称', width: 40 },
  { key: 'year', header: '年度', width: 10 },
  { key: 'amount', header: '资金规模（万元）', width: 18 },
  { key: 'legalBasis', header: '设立依据', width: 50 },
  { key: 'purpose', header: '资金用途', width: 50 },
  { key: 'recipients', header: '支持对象', width: 40 },
  { key: 'allocationMethod', header: '分配方式', width: 12 },
  { key: 'performanceTargets', header: '绩效目标', width: 50 },
  { key: 'periodStart', header: '实施起始年度', width: 14 },
  { key: 'periodEnd', header: '实施截止年度', width: 14 },
  { key: 'howToApply', header: '申报方式', width: 50 },
] as const satisfies readonly { key: keyof FundFields | 'code'; header: string; width: number }[]

/** Each list's columns, in the order of its template, export and import. */
export const SHEET_COLUMNS_OF = { power: SHEET_COLUMNS, responsibility: DUTY_SHEET_COLUMNS, fund: FUND_SHEET_COLUMNS } as const satisfies Record<ListKind, unknown>

/** Aliases are written joined by 、; people also type commas and semicolons, so those split too. */
export const ALIAS_SEPARATOR = '、'

export const SHEET_LIMITS = {
  /** the largest file accepted */
  maxBytes: 5 * 1024 * 1024,
  /** the most rows with content below the header */
  maxRows: 2000,
} as const

export const SHEET_FORMATS = ['xlsx', 'csv'] as const
export type SheetFormat = (typeof SHEET_FORMATS)[number]

export const importQuerySchema = z.object({
  dryRun: z.enum(['0', '1', 'true', 'false']).optional().transform((v) => v === '1' || v === 'true'),
}).strict()

export const exportQuerySchema = z.object({
  dept: recordId.optional(),
}).strict()

const SHEET_FILE_NAMES = '文件名应为 <power-items|duties|funds|guides>.xlsx 或 <power-items|duties|funds>.csv'

/**
 * `duties.xlsx` → { kind: 'responsibility', format: 'xlsx' }: a template or export under
 * /api/import/. Guides come as Excel only: their materials are a second sheet.
 */
export const sheetFileSchema = z.string()
  .regex(/^[a-z-]+\.(xlsx|csv)$/, SHEET_FILE_NAMES)
  .transform((file, ctx) => {
    const [records, format] = file.split('.') as [string, SheetFormat]
    const kind = recordsParam(DRAFT_KINDS).safeParse(records)
    if (!kind.success || (kind.data === 'guide' && format !== 'xlsx')) {
      ctx.addIssue({ code: 'custom', message: SHEET_FILE_NAMES })
      return z.NEVER
    }
    return { kind: kind.data, format }
  })

/**
 * Why a cell, a row or the header is refused. The page words each code in its language with
 * `params`; `message` is the same in Chinese, for API clients.
 */
export const SHEET_ISSUE_CODES = [
  'MISSING_COLUMN', 'UNKNOWN_COLUMN', 'DUPLICATE_COLUMN', 'NO_HEADER',
  'REQUIRED', 'TOO_SHORT', 'TOO_LONG', 'TOO_MANY', 'INVALID_CODE', 'INVALID_TYPE', 'INVALID_LEVEL', 'INVALID_CHOICE', 'INVALID',
  'FORMULA', 'CELL_ERROR', 'NUMBER_CODE', 'DUPLICATE_CODE',
  'OTHER_DEPARTMENT', 'ITEM_CANCELLED', 'OPEN_CHANGE', 'CODE_PROPOSED', 'POWER_ITEM_INVALID',
  'NO_SHEET', 'ITEM_NOT_FOUND', 'NOT_IN_GUIDE_SHEET', 'HALL_NOT_FOUND',
] as const
export type SheetIssueCode = (typeof SHEET_ISSUE_CODES)[number]

export interface SheetIssue {
  /** the worksheet, in a file of several (a guide and its materials) */
  sheet?: string
  /** the row number as the spreadsheet shows it (the header is row 1) */
  row: number
  /** the column's header, or null for the row as a whole */
  column: string | null
  code: SheetIssueCode
  params: Record<string, string | number>
  message: string
}

export type RowOutcome = 'ADD' | 'UPDATE' | 'UNCHANGED' | 'SKIPPED'

export interface SheetRowReport {
  row: number
  outcome: RowOutcome
  code: string | null
  name: string | null
  /** for UPDATE: the headers of the columns that differ from the published item */
  changed: string[]
  /** once imported: the draft created for the row */
  changeRequestId: number | null
}

export interface SheetReport {
  fileName: string
  dryRun: boolean
  /** true when the drafts were created (never on a dry run, never with errors) */
  imported: boolean
  errors: SheetIssue[]
  rows: SheetRowReport[]
  counts: Record<RowOutcome, number>
}
