import { noQuerySchema } from '../../../shared/query'
import { listLifeEventRecords } from '../../services/life-events/records'

/** Every life event, offered or not, as the reform office edits them. */
export default defineEventHandler(async (event) => {
  const { db } = await requireContext(event, 'lifeEvent:write')
  validQuery(event, noQuerySchema)
  return listLifeEventRecords(db)
})
