import { templateDownload } from '../../services/import/spreadsheet'

/** The empty import template, for the editors who import. */
export default defineEventHandler(async (event) => {
  await requireActor(event, 'draft:import')
  return sendDownload(event, await templateDownload('xlsx'))
})
