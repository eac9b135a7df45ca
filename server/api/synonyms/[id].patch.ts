import { synonymPatchSchema } from '../../../shared/synonyms'
import { idParamSchema } from '../../../shared/workspace'
import { updateSynonym } from '../../services/search/dictionary'

export default defineEventHandler(async (event) => {
  const actor = await requireActor(event, 'synonym:write')
  const id = validParam(event, 'id', idParamSchema)
  const patch = await validBody(event, synonymPatchSchema)
  return withDictionaryErrors(updateSynonym((await useDb()).prisma, auditActor(actor), id, patch, requestInfo(event).requestId))
})
