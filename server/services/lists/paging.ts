// Pagination and filter counts shared by the list services.
import type { Page } from '../../../shared/lists'
import type { FilterCount } from '../../../shared/list-views'
import { usePublicCache } from '../../utils/public-cache'

/**
 * Counts over a whole list (the totals and the count behind every filter value) change only when
 * published content does: each portal process computes them once per generation of the content
 * (server/utils/public-cache.ts) instead of scanning the table on every request. `key` names the
 * count and every input it depends on. Outside a portal process (commands, tests) it counts each time.
 */
export function countedOnce<T>(key: unknown[], count: () => Promise<T>): Promise<T> {
  return usePublicCache().memo(JSON.stringify(key), count)
}

export function pageWindow(query: { page: number; pageSize: number }) {
  return { skip: (query.page - 1) * query.pageSize, take: query.pageSize }
}

export function pageOf<T>(items: T[], total: number, query: { page: number; pageSize: number }): Page<T> {
  return { items, total, page: query.page, pageSize: query.pageSize, pageCount: Math.ceil(total / query.pageSize) }
}

/**
 * Filter counts in the order of `values`. A value nobody has is left out unless it is selected,
 * so a reader never gets offered a filter that shows nothing, and can always switch one off.
 */
export function filterCounts(values: readonly string[], counts: Map<string, number>, selected: readonly (string | number)[], label: (value: string) => string = (v) => v): FilterCount[] {
  const chosen = new Set(selected.map(String))
  return values
    .filter((v) => (counts.get(v) ?? 0) > 0 || chosen.has(v))
    .map((v) => ({ value: v, label: label(v), count: counts.get(v) ?? 0 }))
}

export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10)
}
