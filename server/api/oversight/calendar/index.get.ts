import { calendarQuerySchema } from '../../../../shared/oversight'
import { listCalendarDays } from '../../../services/oversight/calendar'

export default defineEventHandler(async (event) => {
  const { db } = await requireContext(event, 'oversight:read')
  const { year } = validQuery(event, calendarQuerySchema)
  return { days: await listCalendarDays(db, year) }
})
