import { userIdParamSchema, userUpdateSchema } from '../../../../shared/auth'
import { updateUser } from '../../../services/admin/users'

export default defineEventHandler(async (event) => {
  const actor = await requireActor(event, 'user:manage')
  const id = validParam(event, 'id', userIdParamSchema)
  const input = await validBody(event, userUpdateSchema)
  return { user: await withAccountErrors(updateUser((await useDb()).prisma, auditActor(actor), id, input, requestInfo(event).requestId)) }
})
