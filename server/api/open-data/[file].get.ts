import { listFileSchema } from '../../../shared/open-data'
import { listDownload } from '../../services/open-data/downloads'

/** /api/open-data/{list}.{format}: the list as published now, filtered like the portal's list. */
export default defineEventHandler(async (event) => {
  const { db } = await publicContext(event)
  const { list, format } = validParam(event, 'file', listFileSchema)
  const request = validListExport(event, list)
  return sendDownload(event, await listDownload(db, request, format))
})
