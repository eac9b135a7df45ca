import { calendarDateSchema, calendarDayInputSchema } from '../../../../shared/oversight'
import { setCalendarDay } from '../../../services/oversight/calendar'

export default defineEventHandler(async (event) => {
  const { db, actor, requestId } = await requireContext(event, 'calendar:write')
  const date = validParam(event, 'date', calendarDateSchema)
  const input = await validBody(event, calendarDayInputSchema)
  return setCalendarDay(db, actor, date, input, requestId)
})
