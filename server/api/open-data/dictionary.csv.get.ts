import { noQuerySchema } from '../../../shared/query'
import { dictionaryDownload } from '../../services/open-data/downloads'

/** The data dictionary of every open-data table: each column, its JSON field, type and meaning. */
export default defineEventHandler((event) => {
  validQuery(event, noQuerySchema)
  return sendDownload(event, dictionaryDownload())
})
