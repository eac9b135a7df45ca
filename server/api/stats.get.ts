import { listStatistics } from '../services/lists/statistics'

export default defineEventHandler(async (event) => {
  const { db } = await publicContext(event)
  return listStatistics(db)
})
