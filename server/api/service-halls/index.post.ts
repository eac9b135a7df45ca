import { serviceHallCreateSchema } from '../../../shared/service-halls'
import { createServiceHall } from '../../services/guides/halls'

/** A new hall of the editor's own department; an administrator names the department in the body. */
export default defineEventHandler(async (event) => {
  const { db, actor, requestId } = await requireContext(event, 'hall:write')
  const { departmentId, ...fields } = await validBody(event, serviceHallCreateSchema)
  const hall = await createServiceHall(db, actor, hallDepartment(actor, departmentId), fields, requestId)
  setResponseStatus(event, 201)
  return hall
})
