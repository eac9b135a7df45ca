import { historyFileSchema } from '../../../shared/history'
import { pointInTimeDownload } from '../../services/exports'
import { pointInTimeView } from '../../services/point-in-time'

/**
 * /api/history/{power|responsibility|fund}-list: a list as it stood at the end of a date (China
 * Standard Time); with .csv or .xlsx the same as a file, for those who may also export.
 */
export default defineEventHandler(async (event) => {
  const { db, actor } = await requireContext(event, 'history:read')
  const { list, format } = validParam(event, 'file', historyFileSchema)
  if (format !== 'json') requireScope(actor, 'data:export')
  const request = historyListRequest(event, actor, list)
  if (format === 'json') return pointInTimeView(db, request)
  return sendDownload(event, await pointInTimeDownload(db, request, format))
})
