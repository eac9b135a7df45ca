import { listUsers } from '../../../services/admin/users'

export default defineEventHandler(async (event) => {
  await requireActor(event, 'user:manage')
  return { users: await listUsers((await useDb()).prisma) }
})
