import { serviceHallFieldsSchema } from '../../../shared/service-halls'
import { updateServiceHall } from '../../services/guides/halls'

export default defineEventHandler(async (event) => {
  const { db, actor, requestId, id } = await requireRecordContext(event, 'hall:write', 'SERVICE_HALL')
  const fields = await validBody(event, serviceHallFieldsSchema)
  return updateServiceHall(db, actor, id, fields, requestId)
})
