// The process's configuration, read once from the environment. Nothing else reads process.env.
import path from 'node:path'

export interface AppConfig {
  /** PostgreSQL server; when unset the embedded PGlite database in `pgliteDir` is used */
  databaseUrl: string | undefined
  dataDir: string
  pgliteDir: string
  /** Meilisearch server; when unset `npm start` runs the bundled binary */
  meiliUrl: string | undefined
  meiliKey: string | undefined
  meiliIndex: string
  /** how long a search may take before the portal reports search as unavailable */
  meiliTimeoutMs: number
  /** how often each process writes the search counts it keeps in memory */
  searchCountsIntervalMs: number
  /** seals the session cookies; 32 characters or more (`npm start` generates one in the data folder) */
  sessionPassword: string | undefined
  /**
   * how many proxies (load balancers) stand in front of the portal: the client address (for the
   * login limits) is the one the outermost of them saw, from X-Forwarded-For; 0 when none
   */
  trustProxy: number
  /** served over HTTPS only (behind a proxy that may not say so): session cookies always Secure, HSTS always sent */
  secureCookies: boolean
  /** signs each audit entry's hash (HMAC-SHA256); kept outside the database (docs/SECURITY.md) */
  auditHmacKey: string | undefined
  /** the first audit entry written with the key, when it was added to an existing log */
  auditHmacFromSeq: bigint | undefined
  /** the portal's public address, for the sitemap and the language links; the server refuses to start without it */
  siteUrl: string | undefined
  /** open connections one client address may hold; 0: no limit (docs/SECURITY.md, "Slow clients") */
  maxConnectionsPerClient: number
  /** where subscription mails are sent (smtp://user:pass@host:port, smtps://…); unset: kept for the demo page instead */
  smtpUrl: string | undefined
  /** the sender of subscription mails */
  mailFrom: string
  /** signs the unsubscribe links of the mails; the session password when unset */
  subscriptionKey: string | undefined
}

let processConfig: AppConfig | undefined

/**
 * The configuration of the running process, read at the first call: its environment does not
 * change while it runs, and reading twenty variables from it cost each search about 0.05 ms.
 */
export function appConfig(): AppConfig {
  return (processConfig ??= loadConfig())
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const dataDir = path.resolve(env.DATA_DIR || '.data')
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir,
    pgliteDir: path.join(dataDir, 'pglite'),
    meiliUrl: env.MEILI_URL || undefined,
    meiliKey: env.MEILI_MASTER_KEY || undefined,
    meiliIndex: env.MEILI_INDEX || 'items',
    meiliTimeoutMs: Number(env.MEILI_TIMEOUT_MS) || 2000,
    searchCountsIntervalMs: Number(env.SEARCH_COUNTS_INTERVAL_MS) || 30_000,
    sessionPassword: env.NUXT_SESSION_PASSWORD || undefined,
    trustProxy: proxyCount(env.TRUST_PROXY),
    secureCookies: env.SECURE_COOKIES === '1' || env.SECURE_COOKIES === 'true',
    auditHmacKey: env.AUDIT_HMAC_KEY || undefined,
    auditHmacFromSeq: /^\d+$/.test(env.AUDIT_HMAC_FROM_SEQ ?? '') ? BigInt(env.AUDIT_HMAC_FROM_SEQ!) : undefined,
    siteUrl: env.SITE_URL ? env.SITE_URL.replace(/\/+$/, '') : undefined,
    maxConnectionsPerClient: /^\d+$/.test(env.MAX_CONNECTIONS_PER_CLIENT ?? '') ? Number(env.MAX_CONNECTIONS_PER_CLIENT) : 100,
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM || '三张清单一张网 <noreply@localhost>',
    subscriptionKey: env.SUBSCRIPTION_KEY || env.NUXT_SESSION_PASSWORD || undefined,
  }
}

/** TRUST_PROXY as a count of proxies; a value that is not one stops the portal rather than guess. */
function proxyCount(value: string | undefined): number {
  if (!value || value === 'false') return 0
  if (value === 'true') return 1
  if (/^\d{1,2}$/.test(value)) return Number(value)
  throw new Error(`TRUST_PROXY must be the number of proxies in front of the portal (1 behind one load balancer), not "${value}"`)
}
