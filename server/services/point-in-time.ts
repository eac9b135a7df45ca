// The three lists exactly as they stood at an instant, for the auditor. Each list is described
// once, by its open-data ListDefinition (which records, how filters match, how a snapshot reads
// as a record and as spreadsheet rows) plus how the history page's query maps onto its filters;
// one function reads any of them from RecordVersion.
import type { Db } from '../utils/prisma'
import type { ExportFilters } from '../../shared/open-data'
import type { HistoryListQuery, HistoryListRequest, ListRecord, PointInTimeList } from '../../shared/history'
import { stateStatus, statesAt, type StateAt } from './history'
import { loadLookups, type ListDefinition, type Lookups } from './open-data/list-definition'
import { powerList } from './open-data/power-list'
import { dutyList } from './open-data/duty-list'
import { fundList } from './open-data/fund-list'
import { ACTION_NAMES, label, STATUS_NAMES } from './labels'
import type { Table } from './open-data/tables'
import { CITY_TIME_ZONE, endOfCityDay } from '../../shared/city-time'

/** A record as it stood: its state (snapshot and version), its status then and its record as the downloads show it. */
export interface RecordAsOf<S = unknown, R = ListRecord> extends StateAt<S> {
  status: string
  record: R
}

export interface ListAsOf<S = unknown, R = ListRecord> {
  /** file name stem of the list, Chinese and ASCII */
  fileName: { zh: string; ascii: string }
  records: RecordAsOf<S, R>[]
  /** the list's spreadsheet, the first table with the version columns of the history added */
  tables: () => Table[]
}

const only = <T>(value: T | undefined): T[] => (value === undefined ? [] : [value])

/** What a history query means in each list's own open-data filters. */
const FILTERS: { [K in keyof HistoryListQuery]: (q: HistoryListQuery[K]) => ExportFilters[K] } = {
  power: (q) => ({ dept: only(q.dept), type: only(q.type), status: [], level: [] }),
  responsibility: (q) => ({ dept: only(q.dept), kind: only(q.kind) }),
  fund: (q) => ({ dept: only(q.dept), year: only(q.year), method: only(q.method), sort: 'year' }),
}

const cityTime = new Intl.DateTimeFormat('sv-SE', { timeZone: CITY_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false })

/** The status, for a list whose table has none (a cancelled duty is only known from its version). */
const STATUS_COLUMN = { header: '状态', value: (r: RecordAsOf<unknown, unknown>) => label(STATUS_NAMES, r.status), width: 10 }
/** Which published version each row comes from: what lets an auditor trace a row to its document. */
const VERSION_COLUMNS: { header: string; value: (r: RecordAsOf<unknown, unknown>) => string | number | null; width?: number }[] = [
  { header: '版本', value: (r) => r.revision, width: 6 },
  { header: '本版生效时间', value: (r) => cityTime.format(r.validFrom), width: 18 },
  { header: '本版变更类型', value: (r) => label(ACTION_NAMES, r.action), width: 12 },
  { header: '本版文号', value: (r) => r.documentNo, width: 24 },
]

async function asOf<S, F, R>(db: Db, definition: ListDefinition<S, F, R>, filters: F, status: string | undefined, at: Date, common: Lookups): Promise<ListAsOf<S, R>> {
  const lookups = { ...common, ...(await definition.moreLookups?.(db, at)) }
  const order = definition.order(filters, lookups)
  const records = (await statesAt(db, definition.entityType, at, () => definition.published(db)))
    .filter((state) => definition.matches(state.snapshot, filters))
    .map((state) => ({ ...state, status: stateStatus(state), record: definition.toRecord(state.snapshot, lookups) }))
    .filter((r) => status === undefined || r.status === status)
    .sort((a, b) => order(a.record, b.record))
  return {
    fileName: definition.fileName,
    records,
    tables: () => {
      const [first, ...rest] = definition.tables(records.map((r) => r.record))
      const added = [...(first!.columns.some((c) => c.header === STATUS_COLUMN.header) ? [] : [STATUS_COLUMN]), ...VERSION_COLUMNS]
      return [{
        ...first!,
        columns: [...first!.columns, ...added.map(({ header, width }) => ({ header, width }))],
        rows: first!.rows.map((row, i) => [...row, ...added.map((c) => c.value(records[i]!))]),
      }, ...rest]
    },
  }
}

/**
 * A list exactly as it stood at `at`: for each record the state valid then (validFrom <= at <
 * validTo), filtered on that state, not today's; in the order of the list's downloads.
 */
export async function listAsOf(db: Db, request: HistoryListRequest, at: Date): Promise<ListAsOf> {
  const lookups = await loadLookups(db)
  switch (request.list) {
    case 'power': return asOf(db, powerList, FILTERS.power(request.query), request.query.status, at, lookups)
    case 'responsibility': return asOf(db, dutyList, FILTERS.responsibility(request.query), request.query.status, at, lookups)
    case 'fund': return asOf(db, fundList, FILTERS.fund(request.query), request.query.status, at, lookups)
  }
}

/** GET /api/history/<list>: the list at the end of the request's date (the city's day). */
export async function pointInTimeView(db: Db, request: HistoryListRequest): Promise<PointInTimeList> {
  const { records } = await listAsOf(db, request, endOfCityDay(request.query.date))
  return {
    list: request.list,
    date: request.query.date,
    total: records.length,
    items: records.map((r) => ({ entityId: r.entityId, revision: r.revision, action: r.action, validFrom: r.validFrom.toISOString(), documentNo: r.documentNo, status: r.status, record: r.record })),
  }
}
