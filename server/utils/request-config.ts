// What the server sets in the runtime config of every request that asks for it
// (server/early-plugins/runtime-config.ts makes each request's copy when first asked for).

type RuntimeConfig = ReturnType<typeof useRuntimeConfig>

const amendments: ((config: RuntimeConfig) => void)[] = []

/** Sets something, decided at startup, in each request's copy of the runtime config as it is made. */
export function amendRequestConfig(amend: (config: RuntimeConfig) => void): void {
  amendments.push(amend)
}

/** A request's copy of the runtime config, amended. */
export function requestConfig(config: RuntimeConfig): RuntimeConfig {
  const own = copy(config)
  for (const amend of amendments) amend(own)
  return own
}

function copy<T>(value: T): T {
  if (Array.isArray(value)) return value.map(copy) as T
  if (value === null || typeof value !== 'object') return value
  const out: Record<string, unknown> = {}
  for (const key in value) out[key] = copy((value as Record<string, unknown>)[key])
  return out as T
}
