import { getWorkspaceDuty } from '../../../services/workflow/queries'

export default defineEventHandler(async (event) => {
  const { db, id } = await requireRecordContext(event, 'draft:read', 'DUTY')
  return getWorkspaceDuty(db, id)
})
