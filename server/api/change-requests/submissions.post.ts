import { batchSubmitSchema } from '../../../shared/drafts'
import { submitDrafts } from '../../services/workflow/change-requests'

/** Many drafts of the editor's department submitted with one reason: all, or none. */
export default defineEventHandler(async (event) => {
  const { db, actor, requestId } = await requireContext(event, 'draft:submit')
  const { ids, reason } = await validBody(event, batchSubmitSchema)
  await requireRecordsScope(db, actor, 'draft:submit', 'CHANGE_REQUEST', ids)
  return submitDrafts(db, actor, ids, reason, requestId)
})
