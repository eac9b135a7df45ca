// What each of the three lists must say to be downloadable: how to read its published records
// as snapshots (the shape RecordVersion keeps), how its filters match, and how a snapshot
// becomes a JSON record and spreadsheet rows. The download code is the same for all three.
import type { Db } from '../../utils/prisma'
import type { ListKind } from '../../../shared/lists'
import type { Table } from './tables'
import type { PublishedRecord } from '../history'
import type { GuideSnapshot } from '../../../shared/guides'

export type VersionedEntity = 'POWER_ITEM' | 'DUTY' | 'SPECIAL_FUND'

/** Names for the ids snapshots hold; departments are not versioned, so today's name is shown. */
export interface Lookups {
  departments: Map<number, { name: string; sortOrder: number }>
  itemCodes: Map<number, string>
  /** guides by item code, as they stood at the list's instant (loaded by the lists that show them) */
  guides?: Map<string, GuideSnapshot>
}

export type PublishedSnapshot<S> = PublishedRecord<S>

export interface ListDefinition<S, F, R> {
  list: ListKind
  entityType: VersionedEntity
  /** the file name stem: Chinese, and the ASCII fallback for clients without RFC 5987 */
  fileName: { zh: string; ascii: string }
  published: (db: Db) => Promise<PublishedSnapshot<S>[]>
  matches: (snapshot: S, filters: F) => boolean
  toRecord: (snapshot: S, lookups: Lookups) => R
  order: (filters: F, lookups: Lookups) => (a: R, b: R) => number
  /** the spreadsheet of the records, in order; the first table is also the CSV */
  tables: (records: R[]) => Table[]
  /** what else toRecord reads, as it stood at `at` (null: now) */
  moreLookups?: (db: Db, at: Date | null) => Promise<Partial<Lookups>>
}

export async function loadLookups(db: Db): Promise<Lookups> {
  const [departments, items] = await Promise.all([
    db.department.findMany({ select: { id: true, name: true, sortOrder: true } }),
    db.powerItem.findMany({ select: { id: true, code: true } }),
  ])
  return {
    departments: new Map(departments.map((d) => [d.id, { name: d.name, sortOrder: d.sortOrder }])),
    itemCodes: new Map(items.map((i) => [i.id, i.code])),
  }
}

export const departmentName = (lookups: Lookups, id: number | null | undefined): string => (id ? lookups.departments.get(id)?.name ?? '' : '')

/** Department order as the portal shows it, then code: a stable order for every download. */
export function byDepartmentThenCode(lookups: Lookups) {
  const order = (id: number) => lookups.departments.get(id)?.sortOrder ?? Number.MAX_SAFE_INTEGER
  return (a: { departmentId: number; code: string }, b: { departmentId: number; code: string }) => order(a.departmentId) - order(b.departmentId) || a.code.localeCompare(b.code)
}

/** An empty filter list means "any". */
export const anyOf = <T>(wanted: readonly T[], value: T): boolean => wanted.length === 0 || wanted.includes(value)
