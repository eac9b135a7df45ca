import { sessionUser } from '../../services/auth/accounts'

export default defineEventHandler(async (event) => {
  const actor = await requireActor(event, 'account:read')
  return { user: await sessionUser((await useDb()).prisma, actor) }
})
