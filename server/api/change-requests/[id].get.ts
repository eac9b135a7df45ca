import { getChangeRequest } from '../../services/workflow/queries'

export default defineEventHandler(async (event) => {
  const { db, id } = await requireRecordContext(event, 'draft:read', 'CHANGE_REQUEST')
  return getChangeRequest(db, id)
})
