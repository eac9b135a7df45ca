import { serviceHallQuerySchema } from '../../../shared/service-halls'
import { listServiceHalls } from '../../services/guides/halls'

/** The halls a keeper edits: an editor's own department's; an administrator names one with ?dept=. */
export default defineEventHandler(async (event) => {
  const { db, actor } = await requireContext(event, 'hall:write')
  const { dept } = validQuery(event, serviceHallQuerySchema)
  return listServiceHalls(db, hallDepartment(actor, dept))
})
