// A throwaway PostgreSQL server from the binaries installed on the machine, for the tests and
// the benchmark: initdb into a temporary folder, start on a free port, remove it all on stop.
import { execFileSync, spawnSync } from 'node:child_process'
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { freePort } from './meilisearch-process'

function postgresBinDir(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN
  const base = '/usr/lib/postgresql'
  const versions = existsSync(base) ? readdirSync(base).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a)) : []
  for (const v of versions) if (existsSync(path.join(base, v, 'bin/initdb'))) return path.join(base, v, 'bin')
  throw new Error('PostgreSQL server binaries not found (install the Debian package postgresql, or set PG_BIN to the folder holding initdb and pg_ctl)')
}

export interface PostgresServer {
  url: string
  port: number
  /** Stops the server at once, as a crash would (connections are cut); the data stays. */
  kill: () => void
  /** Starts it again on the same port and data folder. */
  start: () => void
  stop: () => void
}

export async function startPostgres(): Promise<PostgresServer> {
  const bin = postgresBinDir()
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sanzhang-pg-'))
  // initdb refuses to run as root; the postgres system user owns the cluster then.
  const asRoot = process.getuid?.() === 0
  const run = (cmd: string, args: string[]) => {
    const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', path.join(bin, cmd), ...args]] : [path.join(bin, cmd), args]
    const r = spawnSync(file, argv as string[], { encoding: 'utf8' })
    if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr || r.stdout}`)
  }
  if (asRoot) execFileSync('chown', ['postgres', dir])
  else chownSync(dir, process.getuid!(), process.getgid!())
  const port = await freePort()
  run('initdb', ['-D', path.join(dir, 'data'), '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C.UTF-8'])
  const start = () => run('pg_ctl', ['-D', path.join(dir, 'data'), '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off`, '-l', path.join(dir, 'log'), '-w', 'start'])
  const kill = () => run('pg_ctl', ['-D', path.join(dir, 'data'), '-m', 'immediate', '-w', 'stop'])
  start()
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    port,
    kill,
    start,
    stop: () => {
      try { kill() } catch { /* already stopped */ }
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
