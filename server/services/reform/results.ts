// 改革成效: counted from the published list versions' record versions, which the open data's
// changes files list too, so the public page and the downloads give the same numbers.
import type { Db } from '../../utils/prisma'
import { cityToday } from '../../../shared/city-time'
import { ITEM_TYPES } from '../../../shared/item-types'
import { RESULT_ACTIONS, type ActionCounts, type ReformResults, type ResultAction, type ResultsLanguage, type ResultsRow } from '../../../shared/results'
import { powerList } from '../open-data/power-list'
import { snapshotsAt } from '../open-data/versions'
import { line, stackedBars } from './charts'

const ACTION_LABELS: Record<ResultsLanguage, Record<ResultAction, string>> = {
  'zh-CN': { CANCEL: '取消', DELEGATE: '下放', ADJUST: '调整', MERGE: '合并', ADD: '新增' },
  en: { CANCEL: 'Cancelled', DELEGATE: 'Delegated', ADJUST: 'Adjusted', MERGE: 'Merged', ADD: 'Added' },
}
const SIZE_LABEL: Record<ResultsLanguage, string> = { 'zh-CN': '在册事项数', en: 'Items in force' }

const zero = (): ActionCounts => ({ CANCEL: 0, DELEGATE: 0, ADJUST: 0, MERGE: 0, ADD: 0 })

function tally(rows: Map<string, ResultsRow>, key: string, label: string, action: ResultAction): void {
  const row = rows.get(key) ?? { key, label, counts: zero(), total: 0 }
  row.counts[action]++
  row.total++
  rows.set(key, row)
}

export async function reformResults(db: Db, lang: ResultsLanguage): Promise<ReformResults> {
  const versions = await db.listVersion.findMany({
    where: { status: 'PUBLISHED', publishedAt: { not: null } },
    orderBy: [{ publishedAt: 'asc' }, { id: 'asc' }],
    select: { id: true, title: true, year: true, publishedAt: true },
  })
  const [changes, departments, current] = await Promise.all([
    db.recordVersion.findMany({
      where: { entityType: 'POWER_ITEM', listVersionId: { in: versions.map((v) => v.id) }, action: { in: [...RESULT_ACTIONS] } },
      select: { action: true, data: true, listVersionId: true },
    }),
    db.department.findMany({ select: { id: true, name: true, sortOrder: true } }),
    powerList.published(db),
  ])
  const yearOf = new Map(versions.map((v) => [v.id, String(v.year)]))
  const departmentOf = new Map(departments.map((d) => [d.id, d]))
  const typeName = (type: string) => ITEM_TYPES.find((t) => t.type === type)?.[lang === 'en' ? 'en' : 'zh'] ?? type
  const totals = zero()
  const byYear = new Map<string, ResultsRow>()
  const byDepartment = new Map<string, ResultsRow>()
  const byType = new Map<string, ResultsRow>()
  for (const c of changes) {
    const action = c.action as ResultAction
    const data = c.data as { departmentId?: number; type?: string }
    totals[action]++
    tally(byYear, yearOf.get(c.listVersionId!)!, yearOf.get(c.listVersionId!)!, action)
    const department = data.departmentId === undefined ? undefined : departmentOf.get(data.departmentId)
    tally(byDepartment, String(data.departmentId ?? ''), department?.name ?? '—', action)
    tally(byType, data.type ?? '', typeName(data.type ?? ''), action)
  }
  // The list as each version left it, read the way the open data's versioned downloads read it.
  const listSize = []
  for (const v of versions) {
    const snapshots = await snapshotsAt(db, 'POWER_ITEM', v.publishedAt!, () => Promise.resolve(current))
    listSize.push({ versionId: v.id, label: v.title, publishedAt: v.publishedAt!.toISOString(), inForce: snapshots.filter((s) => s.status === 'IN_FORCE').length })
  }
  const typeOrder = ITEM_TYPES.map((t) => t.type as string)
  const rows = {
    byYear: [...byYear.values()].sort((a, b) => a.key.localeCompare(b.key)),
    byDepartment: [...byDepartment.values()].sort((a, b) => b.total - a.total || (departmentOf.get(Number(a.key))?.sortOrder ?? 0) - (departmentOf.get(Number(b.key))?.sortOrder ?? 0)),
    byType: [...byType.values()].sort((a, b) => typeOrder.indexOf(a.key) - typeOrder.indexOf(b.key)),
  }
  const series = (list: ResultsRow[]) => RESULT_ACTIONS.map((a) => ({ name: ACTION_LABELS[lang][a], data: list.map((r) => r.counts[a]) }))
  // The department chart shows the fifteen with most adjustments; the table beside it has every one.
  const topDepartments = rows.byDepartment.slice(0, 15)
  return {
    asOf: cityToday(),
    versions: versions.length,
    totals,
    ...rows,
    listSize,
    inForce: current.filter((p) => p.snapshot.status === 'IN_FORCE').length,
    charts: {
      byYear: stackedBars(rows.byYear.map((r) => r.label), series(rows.byYear)),
      byDepartment: stackedBars(topDepartments.map((r) => r.label), series(topDepartments)),
      byType: stackedBars(rows.byType.map((r) => r.label), series(rows.byType)),
      listSize: line(listSize.map((p) => p.label), SIZE_LABEL[lang], listSize.map((p) => p.inForce)),
    },
  }
}
