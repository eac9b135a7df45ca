// The public lists as they stood at the end of a past day (?date=), with the same filters,
// counts and rows as the lists of today, read from RecordVersion (statesAt): the state of each
// record valid then, filtered on that state, not today's. And what changed between two days
// (compareLists): each record added, cancelled, delegated or changed, field by field, with the
// published versions in between, their 文号 and public reasons.
import type { Db } from '../../utils/prisma'
import { ITEM_TYPE_KEYS, isPower, itemTypeByKey, type ItemTypeKey } from '../../../shared/item-types'
import { ADMIN_LEVELS, ALLOCATION_METHODS, DUTY_KINDS, ITEM_STATUSES, type ItemStatus, type DutyListQuery, type FundListQuery, type ListKind, type PowerListQuery } from '../../../shared/lists'
import type { ComparedKind, ComparedRecord, CompareQuery, DepartmentRef, DutyPage, DutyRow, FilterCount, FundPage, FundRow, ListComparison, PowerItemPage, PowerItemRow } from '../../../shared/list-views'
import { endOfCityDay } from '../../../shared/city-time'
import { publicDiffs, stateStatus, statesAt, type StateAt } from '../history'
import { powerList } from '../open-data/power-list'
import { dutyList } from '../open-data/duty-list'
import { fundList } from '../open-data/fund-list'
import type { DutySnapshot, FundSnapshot, PowerItemSnapshot } from './snapshots'
import { capFilter } from './departments-ref'
import { filterCounts } from './paging'
import { DEPARTMENT_FILTER_LIMIT } from '../../../shared/list-views'
import { slicePage } from '../../../shared/lists'

const POWER_TYPES = ITEM_TYPE_KEYS.filter(isPower)

/** The orders of today's lists, which PostgreSQL sorts: enums in their declared order, codes by code point. */
const enumOrder = (values: readonly string[]) => (a: string, b: string) => values.indexOf(a) - values.indexOf(b)
const byType = enumOrder(ITEM_TYPE_KEYS)
const byKind = enumOrder(DUTY_KINDS)
const codePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/** One filter of a list: the value a record has for it, what is chosen, and what "nothing chosen" means. */
interface Facet<T> { of: (t: T) => string; selected: readonly (string | number)[]; unselected?: readonly string[] }

function passes<T>(item: T, facet: Facet<T>): boolean {
  const wanted = facet.selected.length ? facet.selected.map(String) : facet.unselected
  return !wanted || wanted.includes(facet.of(item))
}

/** The items every facet lets through; with `except`, ignoring that facet (for its own counts). */
function filtered<T, K extends string>(items: T[], facets: Record<K, Facet<T>>, except?: K): T[] {
  const active = (Object.keys(facets) as K[]).filter((k) => k !== except).map((k) => facets[k])
  return items.filter((item) => active.every((f) => passes(item, f)))
}

function countsFor<T, K extends string>(items: T[], facets: Record<K, Facet<T>>, key: K): Map<string, number> {
  const counts = new Map<string, number>()
  for (const item of filtered(items, facets, key)) {
    const value = facets[key].of(item)
    counts.set(value, (counts.get(value) ?? 0) + 1)
  }
  return counts
}

interface Departments { refs: Map<number, DepartmentRef>; order: (id: number) => number; all: DepartmentRef[] }

async function departments(db: Db): Promise<Departments> {
  const rows = await db.department.findMany({ select: { id: true, code: true, name: true, sortOrder: true }, orderBy: [{ sortOrder: 'asc' }, { id: 'asc' }] })
  const refs = new Map(rows.map(({ sortOrder: _s, ...d }) => [d.id, d]))
  const order = new Map(rows.map((d, i) => [d.id, i]))
  return { refs, order: (id) => order.get(id) ?? Number.MAX_SAFE_INTEGER, all: [...refs.values()] }
}

const unknownDepartment = (id: number): DepartmentRef => ({ id, code: '', name: '' })

function departmentCounts(depts: Departments, counts: Map<string, number>, selected: number[]): FilterCount[] {
  const all = filterCounts(depts.all.map((d) => String(d.id)), counts, selected, (id) => depts.refs.get(Number(id))?.name ?? id)
  return capFilter(all, selected, DEPARTMENT_FILTER_LIMIT)
}

type State<S> = StateAt<S> & { status: string }

async function statesOn<S>(db: Db, entityType: 'POWER_ITEM' | 'DUTY' | 'SPECIAL_FUND', date: string, published: (db: Db) => Promise<{ id: number; revision?: number; publishedAt: Date; snapshot: S }[]>): Promise<State<S>[]> {
  return (await statesAt(db, entityType, endOfCityDay(date), () => published(db))).map((s) => ({ ...s, status: stateStatus(s) }))
}

/** The versions that set an item's status document and date (applyToPowerItem): the rest keep them. */
const STATUS_ACTIONS = ['ADD', 'RETAIN', 'CANCEL', 'DELEGATE', 'MERGE'] as const

/**
 * When each item's status document was given, as of `at`: the item's last version that set it.
 * Items loaded by the first import have no document, and no date.
 */
async function statusDates(db: Db, states: State<PowerItemSnapshot>[], at: Date): Promise<Map<number, string>> {
  const dated = new Map<number, string>()
  const earlier: number[] = []
  for (const s of states) {
    if (!s.snapshot.statusDocumentNo) continue
    if ((STATUS_ACTIONS as readonly string[]).includes(s.action)) dated.set(s.entityId, s.validFrom.toISOString())
    else earlier.push(s.entityId)
  }
  if (earlier.length) {
    const versions = await db.recordVersion.findMany({
      where: { entityType: 'POWER_ITEM', entityId: { in: earlier }, action: { in: [...STATUS_ACTIONS] }, validFrom: { lte: at } },
      orderBy: { validFrom: 'asc' },
      select: { entityId: true, validFrom: true },
    })
    for (const v of versions) dated.set(v.entityId, v.validFrom.toISOString())
  }
  return dated
}

function powerFacets(query: Pick<PowerListQuery, 'dept' | 'type' | 'status' | 'level'>): Record<'dept' | 'type' | 'status' | 'level', Facet<State<PowerItemSnapshot>>> {
  return {
    // Without a type filter the power list means types 01-10, as today's list does.
    type: { of: (s) => s.snapshot.type, selected: query.type, unselected: POWER_TYPES },
    dept: { of: (s) => String(s.snapshot.departmentId), selected: query.dept },
    status: { of: (s) => s.status, selected: query.status },
    level: { of: (s) => s.snapshot.level, selected: query.level },
  }
}

/** The page of `rows` the query asks for, as its list stood at the end of its date. */
function pageOn<T>(rows: T[], query: { page: number; pageSize: number; date: string }) {
  return { ...slicePage(rows, query.page, query.pageSize), asOf: query.date }
}

/** 权力清单 as it stood at the end of `query.date`, in the shape and order of today's list. */
export async function powerItemsAsOf(db: Db, query: PowerListQuery & { date: string }): Promise<PowerItemPage> {
  const [states, depts, demo] = await Promise.all([
    statesOn(db, 'POWER_ITEM', query.date, powerList.published),
    departments(db),
    db.powerItem.findMany({ where: { hasDemoContent: true }, select: { id: true } }),
  ])
  const withDemo = new Set(demo.map((d) => d.id))
  const facets = powerFacets(query)
  const matching = filtered(states, facets)
  const statusDate = await statusDates(db, matching, endOfCityDay(query.date))
  const rows: PowerItemRow[] = matching
    .sort((a, b) => depts.order(a.snapshot.departmentId) - depts.order(b.snapshot.departmentId) || byType(a.snapshot.type, b.snapshot.type) || codePoint(a.snapshot.code, b.snapshot.code))
    .map((s) => ({
      code: s.snapshot.code,
      name: s.snapshot.name,
      type: s.snapshot.type as ItemTypeKey,
      typeCode: itemTypeByKey(s.snapshot.type)?.code ?? '',
      department: depts.refs.get(s.snapshot.departmentId) ?? unknownDepartment(s.snapshot.departmentId),
      groupName: s.snapshot.groupName,
      level: s.status === 'DELEGATED' && s.snapshot.delegatedToLevel ? s.snapshot.delegatedToLevel : s.snapshot.level,
      status: s.status as ItemStatus,
      statusDocumentNo: s.snapshot.statusDocumentNo,
      statusChangedAt: statusDate.get(s.entityId) ?? null,
      hasDemoContent: withDemo.has(s.entityId),
    }))
  return {
    ...pageOn(rows, query),
    filters: {
      dept: departmentCounts(depts, countsFor(states, facets, 'dept'), query.dept),
      type: filterCounts(ITEM_TYPE_KEYS, countsFor(states, facets, 'type'), query.type),
      status: filterCounts(ITEM_STATUSES, countsFor(states, facets, 'status'), query.status),
      level: filterCounts(ADMIN_LEVELS, countsFor(states, facets, 'level'), query.level),
    },
  }
}

function dutyFacets(query: Pick<DutyListQuery, 'dept' | 'kind'>): Record<'dept' | 'kind', Facet<State<DutySnapshot>>> {
  return {
    dept: { of: (s) => String(s.snapshot.departmentId), selected: query.dept },
    kind: { of: (s) => s.snapshot.kind, selected: query.kind },
  }
}

/** 责任清单 as it stood at the end of `query.date`; each duty names its power item as that stood then. */
export async function dutiesAsOf(db: Db, query: DutyListQuery & { date: string }): Promise<DutyPage> {
  const [states, items, depts] = await Promise.all([
    statesOn(db, 'DUTY', query.date, dutyList.published),
    statesOn(db, 'POWER_ITEM', query.date, powerList.published),
    departments(db),
  ])
  const itemOf = new Map(items.map((i) => [i.entityId, { code: i.snapshot.code, name: i.snapshot.name, status: i.status as ItemStatus }]))
  const facets = dutyFacets(query)
  const rows: DutyRow[] = filtered(states, facets)
    .sort((a, b) => depts.order(a.snapshot.departmentId) - depts.order(b.snapshot.departmentId) || byKind(a.snapshot.kind, b.snapshot.kind) || codePoint(a.snapshot.code, b.snapshot.code))
    .map((s) => ({
      code: s.snapshot.code,
      kind: s.snapshot.kind,
      title: s.snapshot.title,
      content: s.snapshot.content,
      basis: s.snapshot.basis,
      status: s.status as ItemStatus,
      isDemo: s.snapshot.isDemo,
      department: depts.refs.get(s.snapshot.departmentId) ?? unknownDepartment(s.snapshot.departmentId),
      powerItem: s.snapshot.powerItemId ? itemOf.get(s.snapshot.powerItemId) ?? null : null,
      cases: s.snapshot.cases,
    }))
  return {
    ...pageOn(rows, query),
    filters: {
      dept: departmentCounts(depts, countsFor(states, facets, 'dept'), query.dept),
      kind: filterCounts(DUTY_KINDS, countsFor(states, facets, 'kind'), query.kind),
    },
  }
}

function fundFacets(query: Pick<FundListQuery, 'dept' | 'year' | 'method' | 'minAmount' | 'maxAmount'>): Record<'dept' | 'year' | 'method' | 'size', Facet<State<FundSnapshot>>> {
  const inSize = (s: State<FundSnapshot>) => {
    const amount = Number(s.snapshot.amount)
    return (query.minAmount === undefined || amount >= query.minAmount) && (query.maxAmount === undefined || amount <= query.maxAmount)
  }
  return {
    dept: { of: (s) => String(s.snapshot.departmentId), selected: query.dept },
    year: { of: (s) => String(s.snapshot.year), selected: query.year },
    method: { of: (s) => s.snapshot.allocationMethod, selected: query.method },
    size: { of: (s) => (inSize(s) ? 'in' : 'out'), selected: [], unselected: ['in'] },
  }
}

function fundOrder(sort: FundListQuery['sort'], depts: Departments): (a: FundSnapshot, b: FundSnapshot) => number {
  return {
    year: (a: FundSnapshot, b: FundSnapshot) => b.year - a.year || depts.order(a.departmentId) - depts.order(b.departmentId) || codePoint(a.code, b.code),
    amount: (a: FundSnapshot, b: FundSnapshot) => Number(b.amount) - Number(a.amount) || codePoint(a.code, b.code),
    name: (a: FundSnapshot, b: FundSnapshot) => codePoint(a.name, b.name) || codePoint(a.code, b.code),
  }[sort]
}

/** Sums 万元 amounts exactly, in fen. */
export function sumWan(amounts: string[]): string {
  const fen = amounts.reduce((n, a) => n + BigInt(Math.round(Number(a) * 100)), BigInt(0))
  const abs = fen < BigInt(0) ? -fen : fen
  return `${fen < BigInt(0) ? '-' : ''}${abs / BigInt(100)}.${String(abs % BigInt(100)).padStart(2, '0')}`
}

/** 财政专项资金管理清单 as it stood at the end of `query.date`. */
export async function fundsAsOf(db: Db, query: FundListQuery & { date: string }): Promise<FundPage> {
  const [states, depts] = await Promise.all([statesOn(db, 'SPECIAL_FUND', query.date, fundList.published), departments(db)])
  const facets = fundFacets(query)
  const matching = filtered(states, facets)
  const identity = (s: FundSnapshot) => s.seriesCode ?? s.code
  const entryOf = new Map(states.map((s) => [`${identity(s.snapshot)}|${s.snapshot.year}`, s.snapshot]))
  const rows: FundRow[] = [...matching]
    .sort((a, b) => fundOrder(query.sort, depts)(a.snapshot, b.snapshot))
    .map(({ snapshot: s, status }) => ({
      code: s.code,
      name: s.name,
      department: depts.refs.get(s.departmentId) ?? unknownDepartment(s.departmentId),
      year: s.year,
      amount: s.amount,
      allocationMethod: s.allocationMethod,
      periodStart: s.periodStart,
      periodEnd: s.periodEnd,
      status: status as ItemStatus,
      isDemo: s.isDemo,
      seriesCode: identity(s),
      previous: ((p) => (p ? { code: p.code, year: p.year, amount: p.amount } : null))(entryOf.get(`${identity(s)}|${s.year - 1}`)),
    }))
  const yearCounts = countsFor(states, facets, 'year')
  const years = [...new Set([...yearCounts.keys(), ...query.year.map(String)])].sort((a, b) => Number(b) - Number(a))
  const otherThanYear = filtered(states, facets, 'year')
  return {
    ...pageOn(rows, query),
    totalAmount: sumWan(matching.map((s) => s.snapshot.amount)),
    byYear: [...new Set(otherThanYear.map((s) => s.snapshot.year))].sort((a, b) => b - a).map((year) => {
      const ofYear = otherThanYear.filter((s) => s.snapshot.year === year)
      return { year, count: ofYear.length, amount: sumWan(ofYear.map((s) => s.snapshot.amount)) }
    }),
    filters: {
      dept: departmentCounts(depts, countsFor(states, facets, 'dept'), query.dept),
      year: filterCounts(years, yearCounts, query.year),
      method: filterCounts(ALLOCATION_METHODS, countsFor(states, facets, 'method'), query.method),
    },
  }
}

// ---------------------------------------------------------------------------------------------
// Comparing two days
// ---------------------------------------------------------------------------------------------

type AnyState = State<PowerItemSnapshot | DutySnapshot | FundSnapshot>
const ENTITY_OF: Record<ListKind, 'POWER_ITEM' | 'DUTY' | 'SPECIAL_FUND'> = { power: 'POWER_ITEM', responsibility: 'DUTY', fund: 'SPECIAL_FUND' }
export const COMPARED_ORDER: ComparedKind[] = ['ADDED', 'CANCELLED', 'DELEGATED', 'CHANGED', 'RETAINED']

/** Whether a record's state passes the list's filters (the department, type, ... it had on that day). */
function compareFilter(query: CompareQuery): (s: AnyState) => boolean {
  switch (query.list) {
    case 'power': { const f = powerFacets({ ...query.filters, status: [] }); return (s) => filtered([s as State<PowerItemSnapshot>], f).length === 1 }
    case 'responsibility': { const f = dutyFacets(query.filters); return (s) => filtered([s as State<DutySnapshot>], f).length === 1 }
    case 'fund': { const f = fundFacets(query.filters); return (s) => filtered([s as State<FundSnapshot>], f).length === 1 }
  }
}

function comparedKind(before: AnyState | undefined, after: AnyState, changed: boolean): ComparedKind | null {
  if (!before) return 'ADDED'
  if (after.status === 'CANCELLED' && before.status !== 'CANCELLED') return 'CANCELLED'
  if (after.status === 'DELEGATED' && before.status !== 'DELEGATED') return 'DELEGATED'
  if (changed) return 'CHANGED'
  return before.revision !== after.revision ? 'RETAINED' : null
}

/**
 * What changed in a list between the end of `from` and the end of `to`: every record that
 * passes the filters on either day and was added, cancelled, delegated, changed or confirmed
 * (retained) in between, with its fields from the first day to the second and every version
 * published in between.
 */
export async function compareLists(db: Db, query: CompareQuery): Promise<ListComparison> {
  const entityType = ENTITY_OF[query.list]
  const published = { power: powerList.published, responsibility: dutyList.published, fund: fundList.published }[query.list] as (db: Db) => Promise<{ id: number; revision?: number; publishedAt: Date; snapshot: PowerItemSnapshot | DutySnapshot | FundSnapshot }[]>
  const [before, after, depts] = await Promise.all([
    statesOn(db, entityType, query.from, published),
    statesOn(db, entityType, query.to, published),
    departments(db),
  ])
  const passes = compareFilter(query)
  const then = new Map(before.map((s) => [s.entityId, s]))
  const candidates = after.filter((s) => passes(s) || (then.has(s.entityId) && passes(then.get(s.entityId)!)))
    .filter((s) => then.get(s.entityId)?.revision !== s.revision)
  const diffs = await publicDiffs(db, candidates.map((s) => ({ before: (then.get(s.entityId)?.snapshot ?? null) as Record<string, unknown> | null, after: s.snapshot as Record<string, unknown> })))
  const between = candidates.length
    ? await db.recordVersion.findMany({
      where: { entityType, entityId: { in: candidates.map((s) => s.entityId) }, validFrom: { gt: endOfCityDay(query.from), lte: endOfCityDay(query.to) } },
      orderBy: [{ validFrom: 'asc' }, { revision: 'asc' }],
      select: { entityId: true, validFrom: true, action: true, documentNo: true, reason: true },
    })
    : []
  const compared: ComparedRecord[] = candidates.flatMap((s, i) => {
    const kind = comparedKind(then.get(s.entityId), s, diffs[i]!.length > 0)
    if (!kind) return []
    const snapshot = s.snapshot as { code: string; name?: string; title?: string; departmentId: number }
    return [{
      list: query.list,
      code: snapshot.code,
      name: snapshot.name ?? snapshot.title ?? '',
      department: depts.refs.get(snapshot.departmentId) ?? unknownDepartment(snapshot.departmentId),
      kind,
      statusFrom: (then.get(s.entityId)?.status ?? null) as ItemStatus | null,
      statusTo: s.status as ItemStatus,
      changes: kind === 'ADDED' ? [] : diffs[i]!,
      versions: between.filter((v) => v.entityId === s.entityId).map((v) => ({ validFrom: v.validFrom.toISOString(), action: v.action, documentNo: v.documentNo, reason: v.reason })),
    }]
  })
  compared.sort((a, b) => COMPARED_ORDER.indexOf(a.kind) - COMPARED_ORDER.indexOf(b.kind) || depts.order(a.department.id) - depts.order(b.department.id) || codePoint(a.code, b.code))
  const chosen = query.change.length ? compared.filter((c) => query.change.includes(c.kind)) : compared
  return {
    ...slicePage(chosen, query.page, query.pageSize),
    list: query.list,
    from: query.from,
    to: query.to,
    counts: COMPARED_ORDER.flatMap((kind) => {
      const count = compared.filter((c) => c.kind === kind).length
      return count ? [{ kind, count }] : []
    }),
  }
}
