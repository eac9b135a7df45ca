import { idParamSchema } from '../../../../shared/workspace'
import { timelineWithChanges } from '../../../services/history'

/** A life event's published versions; life events belong to no department. */
export default defineEventHandler(async (event) => {
  const actor = await requireActor(event, 'history:read')
  requireScope(actor, 'history:read', { departmentId: null })
  const id = validParam(event, 'id', idParamSchema)
  const { prisma } = await useDb()
  const versions = await timelineWithChanges(prisma, 'LIFE_EVENT', id)
  if (!versions.length) throw apiError(404, 'LIFE_EVENT_NOT_FOUND', `没有编号为 ${id} 的一件事`)
  return versions
})
