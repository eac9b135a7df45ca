// What the server sets in the runtime config of every request that asks for it
// (server/early-plugins/runtime-config.ts makes each request's copy when first asked for).
//
// The copy is made a section at a time, when that section is first read: @nuxtjs/i18n reads
// `public` on every request, API calls included, and copying the whole config (most of it the
// OAuth providers' settings of nuxt-auth-utils) cost each search about 0.06 ms.

type RuntimeConfig = ReturnType<typeof useRuntimeConfig>
type Section = keyof RuntimeConfig & string

const amendments = new Map<string, ((section: never) => void)[]>()

/** Sets something, decided at startup, in `section` of each request's copy of the runtime config as it is made. */
export function amendRequestConfig<K extends Section>(section: K, amend: (value: RuntimeConfig[K]) => void): void {
  amendments.set(section, [...(amendments.get(section) ?? []), amend as (section: never) => void])
}

/** A request's copy of the runtime config, amended: each section copied when first read. */
export function requestConfig(config: RuntimeConfig): RuntimeConfig {
  const own = {} as RuntimeConfig
  for (const key of Object.keys(config)) {
    let value: unknown
    let made = false
    Object.defineProperty(own, key, {
      enumerable: true,
      configurable: true,
      get: () => {
        if (!made) {
          value = copy((config as Record<string, unknown>)[key])
          made = true
          for (const amend of amendments.get(key) ?? []) amend(value as never)
        }
        return value
      },
      set: (next: unknown) => {
        value = next
        made = true
      },
    })
  }
  return own
}

function copy<T>(value: T): T {
  if (Array.isArray(value)) return value.map(copy) as T
  if (value === null || typeof value !== 'object') return value
  const out: Record<string, unknown> = {}
  for (const key in value) out[key] = copy((value as Record<string, unknown>)[key])
  return out as T
}
