import { userCreateSchema } from '../../../../shared/auth'
import { createUser } from '../../../services/admin/users'

/** Answers with a one-time password for the new user, shown to the administrator once. */
export default defineEventHandler(async (event) => {
  const { db, actor, requestId } = await requireContext(event, 'user:manage')
  const input = await validBody(event, userCreateSchema)
  const created = await createUser(db, actor, input, requestId)
  setResponseStatus(event, 201)
  return created
})
