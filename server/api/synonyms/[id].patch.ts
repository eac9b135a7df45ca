import { synonymPatchSchema } from '../../../shared/synonyms'
import { idParamSchema } from '../../../shared/workspace'
import { updateSynonym } from '../../services/search/dictionary'

export default defineEventHandler(async (event) => {
  const { db, actor, requestId } = await requireContext(event, 'synonym:write')
  const id = validParam(event, 'id', idParamSchema)
  const patch = await validBody(event, synonymPatchSchema)
  return updateSynonym(db, actor, id, patch, requestId)
})
