import type { SheetReport } from './spreadsheet'

/** The body of every refused API request: a stable code for programs, a message for people. */
export interface ApiErrorData {
  error: string
  message: string
  issues?: { path: string; message: string }[]
  /** for TOO_MANY_ATTEMPTS: when trying again can succeed (ISO 8601); also in Retry-After */
  retryAt?: string
  /** for SHEET_INVALID: the spreadsheet import's report, every error by row and column */
  report?: SheetReport
}
