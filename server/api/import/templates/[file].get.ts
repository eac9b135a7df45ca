import { noQuerySchema } from '../../../../shared/query'
import { sheetFileSchema } from '../../../../shared/spreadsheet'
import { templateDownload } from '../../../services/import/spreadsheet'

/** /api/import/templates/{power-items|duties|funds|guides}.{xlsx|csv}: the empty import template of a list or of the guides (Excel only). */
export default defineEventHandler(async (event) => {
  await requireContext(event, 'draft:import')
  const { kind, format } = validParam(event, 'file', sheetFileSchema)
  validQuery(event, noQuerySchema)
  return sendDownload(event, await templateDownload(format, kind))
})
