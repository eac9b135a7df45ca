import { fundListQuerySchema } from '../../../shared/lists'
import { listFunds } from '../../services/lists/funds'

export default defineEventHandler(async (event) => {
  const { db } = await publicContext(event)
  const query = validQuery(event, fundListQuerySchema)
  return listFunds(db, query)
})
