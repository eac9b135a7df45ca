import { listUsers } from '../../../services/admin/users'

export default defineEventHandler(async (event) => {
  const { db } = await requireContext(event, 'user:manage')
  return { users: await listUsers(db) }
})
