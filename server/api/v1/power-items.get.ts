import { powerListQuerySchema } from '../../../shared/lists'
import { listPowerItems } from '../../services/lists/power-list'

export default defineEventHandler(async (event) => {
  const { db } = await publicContext(event)
  const query = validQuery(event, powerListQuerySchema)
  return listPowerItems(db, query)
})
