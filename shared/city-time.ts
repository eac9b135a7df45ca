// The city's calendar. 广安 keeps China Standard Time (UTC+8, no daylight saving): effective
// dates, "the list as it stood on a date" and date filters all mean days there, whatever the
// time zone of the server or the reader.
export const CITY_TIME_ZONE = 'Asia/Shanghai'
export const CITY_OFFSET_MS = 8 * 3600_000
const DAY_MS = 86_400_000

/** Today's date (YYYY-MM-DD) in the city. */
export function cityToday(now = new Date()): string {
  return new Date(now.getTime() + CITY_OFFSET_MS).toISOString().slice(0, 10)
}

/** The first instant of a city date (YYYY-MM-DD). */
export function startOfCityDay(date: string): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) - CITY_OFFSET_MS)
}

/** The last millisecond of a city date: "as it stood on 2026-03-01" includes that whole day. */
export function endOfCityDay(date: string): Date {
  return new Date(startOfCityDay(date).getTime() + DAY_MS - 1)
}
