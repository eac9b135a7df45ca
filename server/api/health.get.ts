import { searchHealth } from '../services/search/health'

/** Liveness for a load balancer: the database must answer; search may be degraded. */
export default defineEventHandler(async (event) => {
  const { prisma } = await useDb()
  let database = 'ok'
  try {
    await prisma.$queryRaw`SELECT 1`
  } catch {
    database = 'unavailable'
    setResponseStatus(event, 503)
  }
  const search = await searchHealth(useMeili(), prisma)
  return { database, search }
})
