import { getGuideWorkspaceItem } from '../../../services/guides/workspace'

/** One item's guide as its form starts from it, with the department's halls. */
export default defineEventHandler(async (event) => {
  const { id, prisma } = await requirePowerItem(event, 'draft:read')
  return (await getGuideWorkspaceItem(prisma, id))!
})
