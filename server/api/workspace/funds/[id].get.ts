import { getWorkspaceFund } from '../../../services/workflow/queries'

export default defineEventHandler(async (event) => {
  const { db, id } = await requireRecordContext(event, 'draft:read', 'SPECIAL_FUND')
  return getWorkspaceFund(db, id)
})
