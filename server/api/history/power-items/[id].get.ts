import { diffSnapshots, timeline } from '../../../services/history'

/** The item's timeline of published versions, each with what changed from the one before. */
export default defineEventHandler(async (event) => {
  const { id, prisma } = await requirePowerItem(event, 'history:read')
  const versions = await timeline(prisma, 'POWER_ITEM', id)
  return versions.map((v, i) => ({ ...v, changes: i === 0 ? [] : diffSnapshots(versions[i - 1]!.data, v.data) }))
})
