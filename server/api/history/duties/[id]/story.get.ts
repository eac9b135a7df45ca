import { recordStory } from '../../../../services/audit'

/** Who drafted, submitted, approved and published each change of the duty, oldest first. */
export default defineEventHandler(async (event) => {
  const { db, id } = await requireRecordContext(event, 'history:read', 'DUTY')
  return recordStory(db, 'DUTY', id)
})
