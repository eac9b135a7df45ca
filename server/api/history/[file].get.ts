import { historyFileSchema } from '../../../shared/history'
import { pointInTimeDownload } from '../../services/exports'

/** /api/history/{power|responsibility|fund}-list.{csv|xlsx}: the list of GET /api/history/<list>, as a file. */
export default defineEventHandler(async (event) => {
  const { db, actor } = await requireContext(event, 'history:read')
  requireScope(actor, 'data:export')
  const { list, format } = validParam(event, 'file', historyFileSchema)
  const request = historyListRequest(event, actor, list)
  return sendDownload(event, await pointInTimeDownload(db, request, format))
})
