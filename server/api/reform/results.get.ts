import { resultsQuerySchema } from '../../../shared/results'
import { reformResults } from '../../services/reform/results'

/** Public: 改革成效, with its charts already drawn as SVG. */
export default defineEventHandler(async (event) => {
  const { db } = await publicContext(event)
  const { lang } = validQuery(event, resultsQuerySchema)
  return reformResults(db, lang)
})
