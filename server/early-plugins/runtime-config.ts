// Nitro gives every request its own copy of the runtime config and re-reads the environment into
// it (hundreds of keys), and @nuxtjs/i18n asks for that copy on every request, including each API
// call a page makes while it renders: about a tenth of the CPU of a server-rendered page. The
// environment does not change while the process runs, so each request gets a plain copy of the
// config as read at startup (server/utils/request-config.ts). Registered in nuxt.config.ts
// (nitro.plugins) so that it runs before the modules' plugins.
import { requestConfig } from '../utils/request-config'

export default defineNitroPlugin((nitro) => {
  const config = useRuntimeConfig()
  nitro.hooks.hook('request', (event) => {
    // Made when first asked for, and then a section at a time (server/utils/request-config.ts):
    // @nuxtjs/i18n reads only `public` on an API request.
    if (event.context.nitro.runtimeConfig) return
    let own: typeof config | undefined
    Object.defineProperty(event.context.nitro, 'runtimeConfig', {
      get: () => (own ??= requestConfig(config)),
      set: (value: typeof config) => { own = value },
      enumerable: true,
      configurable: true,
    })
  })
})
