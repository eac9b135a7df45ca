import { userIdParamSchema, userUpdateSchema } from '../../../../shared/auth'
import { updateUser } from '../../../services/admin/users'

export default defineEventHandler(async (event) => {
  const { db, actor, requestId } = await requireContext(event, 'user:manage')
  const id = validParam(event, 'id', userIdParamSchema)
  const input = await validBody(event, userUpdateSchema)
  return { user: await updateUser(db, actor, id, input, requestId) }
})
