import { templateQuerySchema } from '../../../shared/spreadsheet'
import { templateDownload } from '../../services/import/spreadsheet'

/** The empty import template of a list (?list=power|duty|fund, power by default), for the editors who import. */
export default defineEventHandler(async (event) => {
  await requireContext(event, 'draft:import')
  const { list } = validQuery(event, templateQuerySchema)
  return sendDownload(event, await templateDownload('xlsx', list))
})
