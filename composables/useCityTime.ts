// Times as the city reads them: on its own clock (shared/city-time.ts), whatever the reader's
// device says, written in the reader's language.
import { CITY_TIME_ZONE } from '~/shared/city-time'

const STYLES = {
  /** a day: 2026年3月1日 */
  date: { year: 'numeric', month: 'long', day: 'numeric' },
  /** a moment, to the minute: 2026年3月1日 09:30 */
  dateTime: { dateStyle: 'medium', timeStyle: 'short' },
  /** a moment, to the second: the audit log's */
  seconds: { dateStyle: 'medium', timeStyle: 'medium' },
} satisfies Record<string, Intl.DateTimeFormatOptions>
export type CityTimeStyle = keyof typeof STYLES

/** `cityTime(iso)`: an ISO timestamp as the city's clock showed it; `cityTime(iso, 'date')`: its day. */
export function useCityTime() {
  const { locale } = useI18n()
  const formats = computed(() => {
    const format = (style: CityTimeStyle) => new Intl.DateTimeFormat(locale.value, { ...STYLES[style], timeZone: CITY_TIME_ZONE })
    return { date: format('date'), dateTime: format('dateTime'), seconds: format('seconds') }
  })
  return (iso: string, style: CityTimeStyle = 'dateTime') => formats.value[style].format(new Date(iso))
}
