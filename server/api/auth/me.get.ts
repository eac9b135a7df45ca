import { sessionUser } from '../../services/auth/accounts'

export default defineEventHandler(async (event) => {
  const { db, actor } = await requireContext(event, 'account:read')
  return { user: await sessionUser(db, actor) }
})
