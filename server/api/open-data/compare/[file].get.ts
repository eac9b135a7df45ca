import { listFileSchema } from '../../../../shared/open-data'
import { compareDownload } from '../../../services/open-data/downloads'

/** /api/open-data/compare/{list}.{format}?from=&to=: the comparison of GET /api/v1/compare/<list>, every page, as a file. */
export default defineEventHandler(async (event) => {
  const { db } = await publicContext(event)
  const { list, format } = validParam(event, 'file', listFileSchema)
  return sendDownload(event, await compareDownload(db, validCompareQuery(event, list, { paged: false }), format))
})
