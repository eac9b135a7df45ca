import { dutyListQuerySchema } from '../../../shared/lists'
import { listDuties } from '../../services/lists/duties'

export default defineEventHandler(async (event) => {
  const { db } = await publicContext(event)
  const query = validQuery(event, dutyListQuerySchema)
  return listDuties(db, query)
})
