import { loginSchema } from '../../../shared/auth'
import { sessionUser } from '../../services/auth/accounts'
import { login } from '../../services/auth/login'

export default defineEventHandler(async (event) => {
  const { db } = await publicContext(event)
  const input = await validBody(event, loginSchema)
  const result = await login(db, input, requestInfo(event))
  if (!result.ok) throw loginRefusal(event, result)
  await startSession(event, result.user)
  return { user: await sessionUser(db, result.user) }
})
