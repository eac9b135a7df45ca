// The built portal as a user's browser or API client meets it: `nuxt build` once per run, then
// real server processes on free ports against the test's database and Meilisearch.
import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { AppConfig } from '../../server/utils/config'
import type { DbHandle } from '../../server/utils/prisma'
import { freePort } from '../../scripts/lib/meilisearch-process'
import { PG_OVERLAP, noteOverlap } from './pg-warnings'

export const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..')

export const TEST_SESSION_PASSWORD = 'test-session-secret-of-at-least-32-characters'

export interface Portal { url: string; process: ChildProcess; output: () => string; stop: () => Promise<void> }

/** `nodeArgs` go to node before the server (a benchmark's --cpu-prof). */
export async function startPortal(config: AppConfig, extraEnv: Record<string, string> = {}, nodeArgs: string[] = []): Promise<Portal> {
  const port = await freePort()
  let output = ''
  const child = spawn(process.execPath, [...nodeArgs, path.join(root, '.output/server/index.mjs')], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: config.databaseUrl,
      MEILI_URL: config.meiliUrl,
      MEILI_MASTER_KEY: config.meiliKey,
      MEILI_INDEX: config.meiliIndex,
      // The portal refuses to start without a session secret; tests may pass their own.
      NUXT_SESSION_PASSWORD: TEST_SESSION_PASSWORD,
      SITE_URL: `http://127.0.0.1:${port}`,
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout!.on('data', (d: Buffer) => { output += d.toString() })
  let overlapNoted = false
  child.stderr!.on('data', (d: Buffer) => {
    output += d.toString()
    // pg warns once per process; the line may arrive in two pieces.
    const recent = output.slice(-(d.length + 200))
    if (!overlapNoted && PG_OVERLAP.test(recent)) {
      overlapNoted = true
      noteOverlap(`in the portal on port ${port}`, recent)
    }
  })
  const url = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 30_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`portal exited: ${output}`)
    const up = await fetch(`${url}/api/health`).then((r) => r.status < 500 || r.status === 503).catch(() => false)
    if (up) break
    if (Date.now() > deadline) throw new Error(`portal did not start: ${output}`)
    await new Promise((r) => setTimeout(r, 200))
  }
  return {
    url,
    process: child,
    output: () => output,
    stop: async () => {
      if (child.exitCode !== null) return
      const gone = new Promise((r) => child.once('exit', r))
      child.kill('SIGTERM')
      await gone
    },
  }
}

/** CPU seconds a process has used (user and system), from /proc. */
export function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
  return (Number(fields[11]) + Number(fields[12])) / 100
}

/**
 * The resident memory of a process, now and at its peak since the last `resetPeak` (Linux: the
 * kernel keeps the peak, so a spike between two samples is not missed).
 */
export const processMemory = {
  resetPeak: (pid: number) => writeFileSync(`/proc/${pid}/clear_refs`, '5'),
  kilobytes(pid: number): { now: number; peak: number } {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)![1])
    return { now: field('VmRSS'), peak: field('VmHWM') }
  },
}

/** Waits until the portal's own outbox worker has applied every pending change to the index. */
export async function waitForIndex(portal: Portal, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const health = await fetch(`${portal.url}/api/health`).then((r) => r.json() as Promise<{ search: { status: string; pending: number } }>).catch((error: Error) => {
      throw new Error(`portal did not answer (${error.message}; exit code ${portal.process.exitCode}, signal ${portal.process.signalCode}):\n${portal.output()}`)
    })
    if (health.search.status === 'ok' && health.search.pending === 0) return
    if (Date.now() > deadline) throw new Error(`index did not catch up: ${JSON.stringify(health)}\n${portal.output()}`)
    await new Promise((r) => setTimeout(r, 250))
  }
}

/** A fresh database with the real data imported, and a built portal serving it, its index current. */
export async function startPortalWithRealData(extraEnv: Record<string, string> = {}): Promise<{ portal: Portal; config: AppConfig }> {
  const { createRealDataDatabase, testConfig } = await import('./services')
  const config = testConfig(await createRealDataDatabase())
  const portal = await startPortal(config, extraEnv)
  // The caller gets no handle to a portal whose index never caught up: stop it here.
  await waitForIndex(portal).catch(async (error: unknown) => {
    await portal.stop()
    throw error
  })
  return { portal, config }
}

/**
 * The portal with the real data in demo mode and the demo accounts (shared/demo-accounts.ts), so
 * a test signs in as any role; `setup` adds what the test needs to the database before it starts.
 */
export async function startDemoPortal(setup?: (db: DbHandle) => Promise<unknown>): Promise<{ portal: Portal; config: AppConfig }> {
  const { openDatabase } = await import('../../server/utils/prisma')
  const { ensureDemoAccounts } = await import('../../server/services/auth/demo-accounts')
  const started = await startPortalWithRealData({ NUXT_PUBLIC_DEMO: '1' })
  const db = await openDatabase(started.config)
  try {
    await ensureDemoAccounts(db.prisma)
    await setup?.(db)
  } finally {
    await db.close()
  }
  return started
}
