import { passwordChangeSchema } from '../../../shared/auth'
import { changePassword, sessionUser } from '../../services/auth/accounts'

/** Ends every other session of the user; this one goes on with a fresh cookie. */
export default defineEventHandler(async (event) => {
  const actor = await requireActor(event, 'account:password')
  const input = await validBody(event, passwordChangeSchema)
  const { prisma } = await useDb()
  const passwordChangedAt = await withAccountErrors(changePassword(prisma, actor, input, requestInfo(event)))
  await startSession(event, { id: actor.id, passwordChangedAt })
  return { user: await sessionUser(prisma, { ...actor, mustChangePassword: false }) }
})
