import { lifeEventFieldsSchema } from '../../../shared/life-events'
import { createLifeEvent } from '../../services/life-events/records'

export default defineEventHandler(async (event) => {
  const { db, actor, requestId } = await requireContext(event, 'lifeEvent:write')
  const fields = await validBody(event, lifeEventFieldsSchema)
  const created = await createLifeEvent(db, actor, fields, requestId)
  setResponseStatus(event, 201)
  return created
})
