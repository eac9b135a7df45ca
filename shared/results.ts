// 改革成效: what the published adjustments of the power list did, counted from the list versions
// (the same records as the open data's changes files), and the size of the list over time.
import { z } from 'zod'

import type { ResultAction } from './list-constants'

export { RESULT_ACTIONS, type ResultAction } from './list-constants'
export type ActionCounts = Record<ResultAction, number>

export const resultsQuerySchema = z.object({ lang: z.enum(['zh-CN', 'en']).default('zh-CN') }).strict()
export type ResultsLanguage = z.output<typeof resultsQuerySchema>['lang']

export interface ResultsRow { key: string; label: string; counts: ActionCounts; total: number }

export interface ListSizePoint {
  versionId: number
  /** the version's title */
  label: string
  publishedAt: string
  /** power-list records in force once the version was published */
  inForce: number
}

/** A chart drawn on the server: its SVG for a phone and for a wider screen. */
export interface RenderedChart { narrow: string; wide: string }

export interface ReformResults {
  asOf: string
  versions: number
  totals: ActionCounts
  byYear: ResultsRow[]
  byDepartment: ResultsRow[]
  byType: ResultsRow[]
  listSize: ListSizePoint[]
  /** the records in force now */
  inForce: number
  charts: { byYear: RenderedChart; byDepartment: RenderedChart; byType: RenderedChart; listSize: RenderedChart }
}
