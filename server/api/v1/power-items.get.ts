import { powerListQuerySchema } from '../../../shared/lists'
import { listPowerItems } from '../../services/lists/power-list'

export default defineEventHandler(async (event) => {
  const query = validQuery(event, powerListQuerySchema)
  const { prisma } = await useDb()
  return listPowerItems(prisma, query)
})
