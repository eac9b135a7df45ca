// Applies list versions on their effective date. Every portal process runs it; a row lock and
// the version's status make sure each version is applied once.
import { applyDueVersions } from '../services/workflow/list-versions'

export default defineNitroPlugin((nitro) => {
  if (process.env.SEARCH_WORKER === 'off') return
  const tick = async () => {
    try {
      const { prisma } = await useDb()
      const applied = await applyDueVersions(prisma)
      if (applied.length) console.log(`[versions] applied list versions ${applied.join(', ')}`)
    } catch (error) {
      console.warn(`[versions] scheduled versions not applied yet: ${(error as Error).message}`)
    }
  }
  const timer = setInterval(() => void tick(), 60_000)
  void tick()
  nitro.hooks.hook('close', () => clearInterval(timer))
})
