import { searchHealth } from '../services/search/health'

/** Liveness for a load balancer: the database must answer; search may be degraded. */
export default defineEventHandler(async (event) => {
  const { db } = await publicContext(event)
  let database = 'ok'
  try {
    await db.$queryRaw`SELECT 1`
  } catch {
    database = 'unavailable'
    setResponseStatus(event, 503)
  }
  const search = await searchHealth(useMeili(), db)
  return { database, search }
})
