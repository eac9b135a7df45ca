import { idParamSchema } from '../../../../shared/workspace'
import { diffSnapshots, timeline } from '../../../services/history'
import { powerItemScope } from '../../../services/workflow/change-requests'

/** The item's timeline of published versions, each with what changed from the one before. */
export default defineEventHandler(async (event) => {
  const actor = await requireActor(event, 'history:read')
  const id = validParam(event, 'id', idParamSchema)
  const { prisma } = await useDb()
  const scope = await powerItemScope(prisma, id)
  if (!scope) throw apiError(404, 'ITEM_NOT_FOUND', `没有编号为 ${id} 的事项`)
  requireScope(actor, 'history:read', scope)
  const versions = await timeline(prisma, 'POWER_ITEM', id)
  return versions.map((v, i) => ({ ...v, changes: i === 0 ? [] : diffSnapshots(versions[i - 1]!.data, v.data) }))
})
