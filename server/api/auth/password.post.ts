import { passwordChangeSchema } from '../../../shared/auth'
import { changePassword, sessionUser } from '../../services/auth/accounts'

/** Ends every other session of the user; this one goes on with a fresh cookie. */
export default defineEventHandler(async (event) => {
  const { db, actor } = await requireContext(event, 'account:password')
  const input = await validBody(event, passwordChangeSchema)
  const passwordChangedAt = await changePassword(db, actor, input, requestInfo(event))
  await startSession(event, { id: actor.id, passwordChangedAt })
  return { user: await sessionUser(db, { ...actor, mustChangePassword: false }) }
})
