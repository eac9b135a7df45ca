import { lifeEventUpdateSchema } from '../../../shared/life-events'
import { updateLifeEvent } from '../../services/life-events/records'

/** A change of a life event, made on the revision the body names (409 STALE_REVISION otherwise). */
export default defineEventHandler(async (event) => {
  const { db, actor, requestId, id } = await requireRecordContext(event, 'lifeEvent:write', 'LIFE_EVENT')
  const update = await validBody(event, lifeEventUpdateSchema)
  return updateLifeEvent(db, actor, id, update, requestId)
})
