// Working days in 广安: Monday to Friday, except the public holidays the reform office enters, plus
// the weekend days it enters as adjusted working days (调休). Pure date arithmetic on city dates
// (YYYY-MM-DD), so the deadlines do not depend on the server's time zone.

/** The office's calendar: for each date that differs from the ordinary week, whether it is worked. */
export type WorkdayOverrides = ReadonlyMap<string, boolean>

const DAY_MS = 86_400_000

function dayNumber(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) / DAY_MS
}

function dateOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10)
}

export function isWorkday(date: string, overrides: WorkdayOverrides): boolean {
  const override = overrides.get(date)
  if (override !== undefined) return override
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay()
  return weekday !== 0 && weekday !== 6
}

/** The working days after `from` up to and including `to` (0 when `to` is not after `from`). */
export function workingDaysBetween(from: string, to: string, overrides: WorkdayOverrides): number {
  let count = 0
  for (let day = dayNumber(from) + 1; day <= dayNumber(to); day++) if (isWorkday(dateOf(day), overrides)) count++
  return count
}

/** The `n`th working day after `from`: a thing started on `from` with `n` working days is due by then. */
export function addWorkingDays(from: string, n: number, overrides: WorkdayOverrides): string {
  let day = dayNumber(from)
  for (let left = n; left > 0;) {
    day++
    if (isWorkday(dateOf(day), overrides)) left--
  }
  return dateOf(day)
}
