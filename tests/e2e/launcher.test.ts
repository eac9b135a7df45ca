// `npm start` as an operator runs it under a supervisor: one launcher per data folder, a launcher
// that ends (stopping Meilisearch) whenever its portal ends, and that stops on a signal. Real
// processes: `npm start` itself (npm, then scripts/start.ts), the built portal, the bundled
// Meilisearch and the embedded database in a fresh data folder.
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { freePort } from '../../scripts/lib/meilisearch-process'
import { LOCK_FILE } from '../../server/utils/data-dir'

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..')
const work = mkdtempSync(path.join(os.tmpdir(), 'sanzhang-launcher-'))
const dataDir = path.join(work, 'data')
const launched: ChildProcess[] = []

interface Launcher {
  child: ChildProcess
  url: string
  output: () => string
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
}

async function npmStart(): Promise<Launcher> {
  const port = await freePort()
  const env: Record<string, string> = { PATH: process.env.PATH!, HOME: process.env.HOME ?? work, DATA_DIR: dataDir, PORT: String(port) }
  const child = spawn('npm', ['start'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] })
  launched.push(child)
  let output = ''
  child.stdout!.on('data', (d: Buffer) => { output += d.toString() })
  child.stderr!.on('data', (d: Buffer) => { output += d.toString() })
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })))
  return { child, url: `http://127.0.0.1:${port}`, output: () => output, exited }
}

async function untilServing(launcher: Launcher): Promise<void> {
  const deadline = Date.now() + 240_000
  for (;;) {
    if (launcher.child.exitCode !== null || launcher.child.signalCode !== null) throw new Error(`npm start exited (${launcher.child.exitCode ?? launcher.child.signalCode}):\n${launcher.output()}`)
    if (await fetch(`${launcher.url}/api/health`).then((r) => r.ok, () => false)) return
    if (Date.now() > deadline) throw new Error(`npm start did not serve:\n${launcher.output()}`)
    await new Promise((r) => setTimeout(r, 250))
  }
}

/** Every process below `pid`, with its command line (from /proc). */
function descendants(pid: number): { pid: number; command: string }[] {
  const parents = new Map<number, number[]>()
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8')
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      parents.set(ppid, [...(parents.get(ppid) ?? []), Number(name)])
    } catch {
      // the process ended while we looked
    }
  }
  const found: { pid: number; command: string }[] = []
  const walk = (parent: number) => {
    for (const child of parents.get(parent) ?? []) {
      let command = ''
      try {
        command = readFileSync(`/proc/${child}/cmdline`, 'utf8').split('\0').join(' ')
      } catch {
        continue
      }
      found.push({ pid: child, command })
      walk(child)
    }
  }
  walk(pid)
  return found
}

/** Every process a test looked at, killed at the end whatever became of its parents. */
const seen = new Set<number>()

function processOf(launcher: Launcher, pattern: RegExp): number {
  const found = descendants(launcher.child.pid!).find((p) => pattern.test(p.command))
  if (!found) throw new Error(`no process ${pattern} under npm start: ${JSON.stringify(descendants(launcher.child.pid!))}`)
  seen.add(found.pid)
  return found.pid
}

const PORTAL = /\.output\/server\/index\.mjs/
const MEILISEARCH = /meilisearch --http-addr/
const START = /scripts\/start\.ts/

function isGone(pid: number): boolean {
  try {
    process.kill(pid, 0)
  } catch {
    return true
  }
  // A zombie is gone too: it has exited and only waits for its parent to read its status.
  return /^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'))
}

async function within<T>(ms: number, work: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`${what}: not within ${ms} ms`)), ms) })
  try {
    return await Promise.race([work, late])
  } finally {
    clearTimeout(timer)
  }
}

afterAll(() => {
  for (const child of launched) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
  for (const pid of [...launched.flatMap((c) => (c.pid ? descendants(c.pid) : [])).map((p) => p.pid), ...seen]) {
    if (!isGone(pid)) process.kill(pid, 'SIGKILL')
  }
  rmSync(work, { recursive: true, force: true })
})

describe('npm start', () => {
  it('refuses a second start on the same data folder at once, naming the folder and the process that holds it; ends with its portal, stopping Meilisearch', { timeout: 360_000 }, async () => {
    const first = await npmStart()
    await untilServing(first)
    const holder = processOf(first, START)

    const second = await npmStart()
    const refused = await within(60_000, second.exited, 'the second npm start')
    expect(refused.code, second.output()).toBe(1)
    expect(second.output()).toContain(`The data folder ${dataDir} is in use by process ${holder} (`)
    expect(second.output()).toContain(`数据文件夹 ${dataDir} 正被进程 ${holder}`)
    expect(second.output()).not.toContain('Meilisearch http')
    // The first one serves on, untouched.
    expect((await fetch(`${first.url}/api/health`)).status).toBe(200)

    const portal = processOf(first, PORTAL)
    const meilisearch = processOf(first, MEILISEARCH)
    process.kill(portal, 'SIGKILL')
    const ended = await within(30_000, first.exited, 'npm start after its portal was killed')
    expect(ended.code, first.output()).not.toBe(0)
    expect(ended.code).not.toBeNull()
    expect(first.output()).toContain('the portal ended (killed by SIGKILL)')
    expect(isGone(meilisearch)).toBe(true)
    expect(existsSync(path.join(dataDir, LOCK_FILE))).toBe(false)
  })

  it('takes over the folder from a start killed with SIGKILL, and stops the portal and Meilisearch on SIGTERM with exit code 0, also once nobody reads its output', { timeout: 480_000 }, async () => {
    const killed = await npmStart()
    await untilServing(killed)
    for (const { pid } of descendants(killed.child.pid!).reverse()) process.kill(pid, 'SIGKILL')
    killed.child.kill('SIGKILL')
    await killed.exited
    // Its claim on the folder is left behind, held by processes that no longer exist.
    expect(existsSync(path.join(dataDir, LOCK_FILE))).toBe(true)

    const launcher = await npmStart()
    await untilServing(launcher)
    const portal = processOf(launcher, PORTAL)
    const meilisearch = processOf(launcher, MEILISEARCH)
    // Whatever read its output goes away (a log collector that stops): the lines it writes as it
    // stops meet a closed pipe (server/utils/closed-output.ts).
    launcher.child.stdout!.destroy()
    launcher.child.stderr!.destroy()
    launcher.child.kill('SIGTERM')
    const ended = await within(30_000, launcher.exited, 'npm start after SIGTERM')
    expect(ended.code, launcher.output()).toBe(0)
    expect(isGone(portal)).toBe(true)
    expect(isGone(meilisearch)).toBe(true)
    expect(existsSync(path.join(dataDir, LOCK_FILE))).toBe(false)
  })
})
