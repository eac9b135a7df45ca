import { userIdParamSchema } from '../../../../../shared/auth'
import { resetPassword } from '../../../../services/admin/users'

/** Answers with a one-time password that the user must replace at the next login. */
export default defineEventHandler(async (event) => {
  const { db, actor, requestId } = await requireContext(event, 'user:manage')
  const id = validParam(event, 'id', userIdParamSchema)
  return resetPassword(db, actor, id, requestId)
})
