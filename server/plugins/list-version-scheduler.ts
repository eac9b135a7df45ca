// Applies list versions on their effective date. Every portal process runs it; a row lock and
// the version's status make sure each version is applied once. A version that cannot be applied
// is logged with its reason (also kept with the version for the back office) and the later ones
// are applied all the same.
import { applyDueVersions } from '../services/workflow/list-versions'

export default defineNitroPlugin((nitro) => {
  if (process.env.SEARCH_WORKER === 'off') return
  const tick = async () => {
    try {
      const { prisma } = await useDb()
      const { applied, failed } = await applyDueVersions(prisma)
      if (applied.length) console.log(`[versions] applied list versions ${applied.join(', ')}`)
      for (const { id, reason, error } of failed) console.warn(`[versions] list version ${id} not applied: ${reason}`, ...(error ? [error] : []))
    } catch (error) {
      console.warn(`[versions] scheduled versions not applied yet: ${(error as Error).message}`)
    }
  }
  const timer = setInterval(() => void tick(), 60_000)
  void tick()
  nitro.hooks.hook('close', () => clearInterval(timer))
})
