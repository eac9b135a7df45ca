// How many records a list version changes, per list and action: the one count the announcement,
// the open-data page, the feeds and the back office all show. A version that has been applied
// is counted from the record versions it made (the first load included, which has no
// decisions); one not applied yet from the approved changes it gathers. A service guide's change
// is part of its item's entry on the power list, counted apart (`guides`): the lists count records.
import type { Db } from '../../utils/prisma'
import type { AnnouncedAction, VersionCounts } from '../../../shared/list-views'
import type { ListKind } from '../../../shared/lists'

export const ACTION_ORDER: AnnouncedAction[] = ['ADD', 'CANCEL', 'DELEGATE', 'ADJUST', 'MERGE', 'UPDATE', 'RETAIN']
export const LIST_OF_ENTITY: Record<string, ListKind> = { POWER_ITEM: 'power', DUTY: 'responsibility', SPECIAL_FUND: 'fund' }
const LIST_ORDER: ListKind[] = ['power', 'responsibility', 'fund']

interface Counted { entityType: string; action: string; count: number }

export function countsOf(rows: Counted[]): VersionCounts {
  const lists = LIST_ORDER.flatMap((list) => {
    const mine = rows.filter((r) => LIST_OF_ENTITY[r.entityType] === list)
    const actions = ACTION_ORDER.flatMap((action) => {
      const count = mine.filter((r) => r.action === action).reduce((n, r) => n + r.count, 0)
      return count ? [{ action, count }] : []
    })
    const total = actions.reduce((n, a) => n + a.count, 0)
    return total ? [{ list, total, actions }] : []
  })
  const guides = rows.filter((r) => r.entityType === 'SERVICE_GUIDE').reduce((n, r) => n + r.count, 0)
  return { total: lists.reduce((n, l) => n + l.total, 0), lists, guides }
}

/** The counts of each version asked for (an unknown id counts nothing). */
export async function versionCounts(db: Db, versionIds: number[]): Promise<Map<number, VersionCounts>> {
  if (!versionIds.length) return new Map()
  const [applied, gathered] = await Promise.all([
    db.recordVersion.groupBy({
      by: ['listVersionId', 'entityType', 'action'],
      where: { listVersionId: { in: versionIds }, entityType: { in: ['POWER_ITEM', 'DUTY', 'SPECIAL_FUND', 'SERVICE_GUIDE'] } },
      _count: { _all: true },
    }),
    db.decision.findMany({
      where: { listVersionId: { in: versionIds }, outcome: 'APPROVED' },
      select: { listVersionId: true, changeRequest: { select: { entityType: true, action: true } } },
    }),
  ])
  return new Map(versionIds.map((id) => {
    const made = applied.filter((g) => g.listVersionId === id).map((g) => ({ entityType: g.entityType, action: g.action, count: g._count._all }))
    const rows = made.length ? made : gathered.filter((d) => d.listVersionId === id).map((d) => ({ ...d.changeRequest, count: 1 }))
    return [id, countsOf(rows)]
  }))
}
