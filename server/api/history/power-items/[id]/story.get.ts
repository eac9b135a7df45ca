import { recordStory } from '../../../../services/audit'

/** Who drafted, submitted, approved and published each change of the item, oldest first. */
export default defineEventHandler(async (event) => {
  const { db, id } = await requireRecordContext(event, 'history:read', 'POWER_ITEM')
  return recordStory(db, 'POWER_ITEM', id)
})
