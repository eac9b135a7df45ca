// Working-day deadlines across the office's calendar: holidays on weekdays are days off,
// adjusted working days on weekends are worked.
import { describe, expect, it } from 'vitest'
import { addWorkingDays, isWorkday, workingDaysBetween } from '../../server/services/oversight/working-days'

// 2026: 国庆 1-7 October (Thursday 1st to Wednesday 7th), 调休 Saturday 10 October worked.
const NATIONAL_DAY = new Map<string, boolean>([
  ...['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07'].map((d) => [d, false] as const),
  ['2026-10-10', true],
])
const ORDINARY = new Map<string, boolean>()

describe('working days', () => {
  it('follows the week unless the calendar says otherwise', () => {
    expect(isWorkday('2026-09-30', ORDINARY)).toBe(true) // Wednesday
    expect(isWorkday('2026-10-03', ORDINARY)).toBe(false) // Saturday
    expect(isWorkday('2026-10-01', NATIONAL_DAY)).toBe(false) // Thursday, 国庆
    expect(isWorkday('2026-10-10', NATIONAL_DAY)).toBe(true) // Saturday, 调休
  })

  it('counts the working days after the start up to and including the end', () => {
    expect(workingDaysBetween('2026-09-28', '2026-09-28', ORDINARY)).toBe(0)
    expect(workingDaysBetween('2026-09-28', '2026-10-02', ORDINARY)).toBe(4)
    // From Monday 28 Sept to Monday 12 Oct: 29, 30 Sept, 8, 9, 10 (调休), 12 Oct.
    expect(workingDaysBetween('2026-09-28', '2026-10-12', NATIONAL_DAY)).toBe(6)
    expect(workingDaysBetween('2026-09-28', '2026-10-12', ORDINARY)).toBe(10)
  })

  it('moves a deadline past the holiday', () => {
    // Filed Tuesday 29 Sept with 3 working days: 30 Sept, 8 Oct, 9 Oct.
    expect(addWorkingDays('2026-09-29', 3, NATIONAL_DAY)).toBe('2026-10-09')
    expect(addWorkingDays('2026-09-29', 3, ORDINARY)).toBe('2026-10-02')
    // Ten working days from Friday 25 Sept: 28, 29, 30 Sept, 8, 9, 10, 12, 13, 14, 15 Oct.
    expect(addWorkingDays('2026-09-25', 10, NATIONAL_DAY)).toBe('2026-10-15')
  })
})
