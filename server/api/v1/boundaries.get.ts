import { boundaryListQuerySchema } from '../../../shared/lists'
import { listBoundaries } from '../../services/lists/duties'

export default defineEventHandler(async (event) => {
  const { db } = await publicContext(event)
  const query = validQuery(event, boundaryListQuerySchema)
  return listBoundaries(db, query)
})
