import { compareListSchema } from '../../../../shared/lists'
import { compareLists } from '../../../services/lists/as-of'

/** What changed in a list between the ends of two days (?from=&to=), with its filters. */
export default defineEventHandler(async (event) => {
  const { db } = await publicContext(event)
  const list = validParam(event, 'list', compareListSchema)
  return compareLists(db, validCompareQuery(event, list))
})
