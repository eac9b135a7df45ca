// The portal goes on serving when nobody reads its output any more (server/utils/closed-output.ts).
// Registered in nuxt.config.ts (nitro.plugins) so that it comes before any plugin that logs.
import { survivesClosedOutput } from '../utils/closed-output'

export default defineNitroPlugin(() => survivesClosedOutput())
