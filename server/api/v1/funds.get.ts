import { fundListQuerySchema } from '../../../shared/lists'
import { listFunds } from '../../services/lists/funds'

export default defineEventHandler(async (event) => {
  const query = validQuery(event, fundListQuerySchema)
  const { prisma } = await useDb()
  return listFunds(prisma, query)
})
