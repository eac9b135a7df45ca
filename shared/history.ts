// The three lists as they stood on a date, as the auditor's history page asks for them and the
// API answers: one query schema per list (a department and the list's own type filters), the
// file names of the downloads, and the shape of the answer.
import { z } from 'zod'
import { recordId } from './query'
import { ITEM_TYPE_KEYS } from './item-types'
import { ALLOCATION_METHODS, DUTY_KINDS, ITEM_STATUSES, LIST_KINDS, type ListKind } from './lists'
import type { DutyRecord, FundRecord, PowerItemRecord } from './open-data'

const common = {
  date: z.iso.date('日期格式应为 YYYY-MM-DD'),
  dept: recordId.optional(),
  status: z.enum(ITEM_STATUSES).optional(),
}

export const historyListQuerySchemas = {
  power: z.object({ ...common, type: z.enum(ITEM_TYPE_KEYS).optional() }).strict(),
  responsibility: z.object({ ...common, kind: z.enum(DUTY_KINDS).optional() }).strict(),
  fund: z.object({ ...common, year: z.coerce.number().int().min(1949).max(2100).optional(), method: z.enum(ALLOCATION_METHODS).optional() }).strict(),
} as const
export type HistoryListQuery = { [K in ListKind]: z.output<(typeof historyListQuerySchemas)[K]> }
export type HistoryListRequest = { [K in ListKind]: { list: K; query: HistoryListQuery[K] } }[ListKind]

/** Each list's name under /api/history/: `power-list`, `power-list.csv`, ... */
export const HISTORY_LIST_NAMES = { power: 'power-list', responsibility: 'responsibility-list', fund: 'fund-list' } as const satisfies Record<ListKind, string>

/** `fund-list` → { list: 'fund', format: 'json' }; `fund-list.xlsx` → { list: 'fund', format: 'xlsx' } */
export const historyFileSchema = z.string()
  .regex(/^(power|responsibility|fund)-list(\.(csv|xlsx))?$/, '应为 <清单>-list，或下载文件 <清单>-list.csv、.xlsx')
  .transform((file) => {
    const [name, format = 'json'] = file.split('.') as [string, 'json' | 'csv' | 'xlsx']
    return { list: LIST_KINDS.find((k) => HISTORY_LIST_NAMES[k] === name)!, format }
  })

/** A record as the open-data downloads give it, whichever list it is in. */
export type ListRecord = PowerItemRecord | DutyRecord | FundRecord

/** One record of a list as it stood on the date, and the published version that state comes from. */
export interface PointInTimeRow {
  entityId: number
  revision: number
  action: string
  validFrom: string
  documentNo: string | null
  /** IN_FORCE, DELEGATED or CANCELLED in that state */
  status: string
  /** the record as the open-data download of its list has it (names resolved) */
  record: ListRecord
}

/** GET /api/history/<list>: the records of a list valid at the end of `date` (China Standard Time). */
export interface PointInTimeList {
  list: ListKind
  date: string
  total: number
  items: PointInTimeRow[]
}
