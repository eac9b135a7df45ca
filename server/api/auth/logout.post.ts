import { recordLogout } from '../../services/auth/accounts'

export default defineEventHandler(async (event) => {
  const actor = await requireActor(event, 'account:read')
  await recordLogout((await useDb()).prisma, actor, (await sessionId(event))!, requestInfo(event))
  await endSession(event)
  return { loggedOut: true }
})
