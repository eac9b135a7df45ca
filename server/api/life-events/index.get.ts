import { listLifeEventRecords } from '../../services/life-events/records'

/** Every life event, offered or not, as the reform office edits them. */
export default defineEventHandler(async (event) => {
  await requireActor(event, 'lifeEvent:write')
  const { prisma } = await useDb()
  return listLifeEventRecords(prisma)
})
