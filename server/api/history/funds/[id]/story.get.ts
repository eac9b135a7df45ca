import { recordStory } from '../../../../services/audit'

/** Who drafted, submitted, approved and published each change of the special fund, oldest first. */
export default defineEventHandler(async (event) => {
  const { db, id } = await requireRecordContext(event, 'history:read', 'SPECIAL_FUND')
  return recordStory(db, 'SPECIAL_FUND', id)
})
