import { guideWorkspaceQuerySchema } from '../../../../shared/guides'
import { listGuideWorkspace } from '../../../services/guides/workspace'

/** The department's items with what their guides lack (?gap=NO_MATERIALS ...). */
export default defineEventHandler(async (event) => {
  const actor = await requireActor(event, 'draft:read')
  const query = validQuery(event, guideWorkspaceQuerySchema)
  const { prisma } = await useDb()
  return listGuideWorkspace(prisma, query, departmentScope(actor, 'draft:read'))
})
