import { dutyListQuerySchema } from '../../../shared/lists'
import { listDuties } from '../../services/lists/duties'

export default defineEventHandler(async (event) => {
  const query = validQuery(event, dutyListQuerySchema)
  const { prisma } = await useDb()
  return listDuties(prisma, query)
})
