import { boundaryListQuerySchema } from '../../../shared/lists'
import { listBoundaries } from '../../services/lists/duties'

export default defineEventHandler(async (event) => {
  const query = validQuery(event, boundaryListQuerySchema)
  const { prisma } = await useDb()
  return listBoundaries(prisma, query)
})
