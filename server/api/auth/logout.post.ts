import { recordLogout } from '../../services/auth/accounts'

export default defineEventHandler(async (event) => {
  const { db, actor } = await requireContext(event, 'account:read')
  await recordLogout(db, actor, (await sessionId(event))!, requestInfo(event))
  await endSession(event)
  return { loggedOut: true }
})
