import { userIdParamSchema } from '../../../../../shared/auth'
import { resetPassword } from '../../../../services/admin/users'

/** Answers with a one-time password that the user must replace at the next login. */
export default defineEventHandler(async (event) => {
  const actor = await requireActor(event, 'user:manage')
  const id = validParam(event, 'id', userIdParamSchema)
  return withAccountErrors(resetPassword((await useDb()).prisma, auditActor(actor), id, requestInfo(event).requestId))
})
