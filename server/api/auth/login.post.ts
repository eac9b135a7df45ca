import { loginSchema } from '../../../shared/auth'
import { sessionUser } from '../../services/auth/accounts'
import { login } from '../../services/auth/login'

export default defineEventHandler(async (event) => {
  const input = await validBody(event, loginSchema)
  const { prisma } = await useDb()
  const result = await login(prisma, input, requestInfo(event))
  if (!result.ok) throw loginRefusal(result)
  await startSession(event, result.user)
  return { user: await sessionUser(prisma, result.user) }
})
