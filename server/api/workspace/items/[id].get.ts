import { getWorkspaceItem } from '../../../services/workflow/queries'

export default defineEventHandler(async (event) => {
  const { db, id } = await requireRecordContext(event, 'draft:read', 'POWER_ITEM')
  return getWorkspaceItem(db, id)
})
