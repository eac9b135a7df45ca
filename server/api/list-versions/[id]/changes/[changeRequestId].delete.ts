import { idParamSchema } from '../../../../../shared/workspace'
import { removeFromVersion } from '../../../../services/workflow/list-versions'

/** Takes an approved change out of a version that has not taken effect; the change waits again. */
export default defineEventHandler(async (event) => {
  const { db, actor, requestId } = await requireContext(event, 'version:publish')
  const id = validParam(event, 'id', idParamSchema)
  const changeRequestId = validParam(event, 'changeRequestId', idParamSchema)
  return removeFromVersion(db, actor, id, changeRequestId, requestId)
})
