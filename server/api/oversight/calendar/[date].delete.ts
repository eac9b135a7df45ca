import { calendarDateSchema } from '../../../../shared/oversight'
import { removeCalendarDay } from '../../../services/oversight/calendar'

export default defineEventHandler(async (event) => {
  const { db, actor, requestId } = await requireContext(event, 'calendar:write')
  const date = validParam(event, 'date', calendarDateSchema)
  await removeCalendarDay(db, actor, date, requestId)
  setResponseStatus(event, 204)
  return null
})
