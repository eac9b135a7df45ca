import { listVersions } from '../../services/workflow/queries'

export default defineEventHandler(async (event) => {
  await requireActor(event, 'version:publish')
  const { prisma } = await useDb()
  return listVersions(prisma)
})
