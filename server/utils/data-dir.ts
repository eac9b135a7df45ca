// The data folder (DATA_DIR) holds the embedded database, the bundled Meilisearch's data and the
// session secret. Read-only, full or not a folder, it would make PGlite or Meilisearch fail later
// with a wasm stack trace or hang; this check says what is wrong, in one line, before anything starts.
import { randomBytes } from 'node:crypto'
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { mkdir, statfs, unlink, writeFile } from 'node:fs/promises'
import path from 'node:path'

/** Less free space than this and the embedded database and the index cannot be written safely. */
export const MIN_FREE_BYTES = 100 * 1024 * 1024

export class DataDirError extends Error {}

const mb = (bytes: number) => `${Math.floor(bytes / 1024 / 1024)} MB`

function refusal(dir: string, code: string | undefined, detail: string): DataDirError {
  if (code === 'ENOSPC' || code === 'EDQUOT') return full(dir, detail)
  if (code === 'ENOTDIR' || code === 'EEXIST') {
    return new DataDirError(`数据文件夹 ${dir} 无法创建：路径中有同名的文件。请用 DATA_DIR 指定一个文件夹。 / The data folder ${dir} cannot be created: part of its path is a file (${detail}). Point DATA_DIR at a folder.`)
  }
  return new DataDirError(`数据文件夹 ${dir} 不可写（只读或没有权限）：请修改其权限、用 DATA_DIR 指定可写的文件夹，或设置 DATABASE_URL 使用 PostgreSQL。 / The data folder ${dir} is not writable (${detail}): fix its permissions, point DATA_DIR at a writable folder, or set DATABASE_URL to use PostgreSQL.`)
}

function full(dir: string, detail: string): DataDirError {
  return new DataDirError(`数据文件夹 ${dir} 所在磁盘已满（${detail}）：请清理磁盘空间，或用 DATA_DIR 指定其他磁盘上的文件夹。 / The disk of the data folder ${dir} is full (${detail}): free some space or point DATA_DIR at a folder on another disk.`)
}

/**
 * Creates the folder if needed and proves it writable by writing a file, since permission bits
 * say nothing for root or on a read-only mount; then checks the free space. Throws DataDirError.
 */
export async function checkDataDir(dir: string, options: { minFreeBytes?: number } = {}): Promise<void> {
  const folder = path.resolve(dir)
  const probe = path.join(folder, `.write-check-${process.pid}-${randomBytes(4).toString('hex')}`)
  try {
    await mkdir(folder, { recursive: true })
    await writeFile(probe, 'ok')
    await unlink(probe)
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException
    await unlink(probe).catch(() => {})
    throw refusal(folder, code, code ?? message)
  }
  const minFree = options.minFreeBytes ?? MIN_FREE_BYTES
  const stats = await statfs(folder)
  const free = stats.bavail * stats.bsize
  if (free < minFree) throw full(folder, `${mb(free)} free, ${mb(minFree)} needed`)
}

/** The file that says which processes hold the data folder. */
export const LOCK_FILE = 'lock'

interface LockHolder {
  pid: number
  /** when the process started (Linux), so that a reused pid is not taken for the holder */
  started: string | null
}

/** State and start time of a process, from /proc (Linux); null elsewhere or when it is gone. */
function processStat(pid: number): { state: string; started: string } | null {
  try {
    // The fields after the command name, which may hold spaces: state is the 3rd, start time the 22nd.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return { state: fields[0]!, started: fields[19]! }
  } catch {
    return null
  }
}

function isAlive(holder: LockHolder): boolean {
  try {
    process.kill(holder.pid, 0)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false
  }
  const stat = processStat(holder.pid)
  // A zombie has exited (a container without an init may never reap it); a different start time is another process with a reused pid.
  if (stat && (stat.state === 'Z' || (holder.started !== null && stat.started !== holder.started))) return false
  return true
}

function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ').slice(0, 200)
  } catch {
    return ''
  }
}

function readHolders(file: string): LockHolder[] {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as { holders?: LockHolder[] }
    return Array.isArray(parsed.holders) ? parsed.holders.filter((h) => Number.isInteger(h?.pid)) : []
  } catch {
    return []
  }
}

function writeHolders(file: string, holders: LockHolder[]): void {
  // Whole or not at all: a reader never sees half a file.
  const next = `${file}.${process.pid}`
  writeFileSync(next, `${JSON.stringify({ holders })}\n`)
  renameSync(next, file)
}

function inUse(dir: string, holder: LockHolder): DataDirError {
  const command = commandOf(holder.pid)
  const who = command ? `${holder.pid}（${command}）` : String(holder.pid)
  return new DataDirError(`数据文件夹 ${dir} 正被进程 ${who} 使用：一个数据文件夹同时只能由一个 npm start 使用。请先停止该进程，或用 DATA_DIR 指定另一个文件夹。 / The data folder ${dir} is in use by process ${holder.pid}${command ? ` (${command})` : ''}: only one npm start may use a data folder at a time. Stop that process first, or point DATA_DIR at another folder.`)
}

/**
 * Claims the data folder for this process, or throws DataDirError naming the process that holds
 * it. PGlite and the bundled Meilisearch each admit one process: a second `npm start` on the same
 * folder would otherwise run, and one of the two would lose its writes without a word. The claim
 * is a file holding the pids of its holders: created with O_EXCL, taken over when every holder is
 * dead (a process killed with SIGKILL leaves it behind), and shared by a process the holder
 * started (npm start hands the folder to the server it runs). Claiming again in the same process
 * is a no-op. Returns the function that gives the claim up; it is also given up when the process exits.
 */
export function lockDataDir(dataDir: string): () => void {
  const dir = path.resolve(dataDir)
  const file = path.join(dir, LOCK_FILE)
  const me: LockHolder = { pid: process.pid, started: processStat(process.pid)?.started ?? null }
  mkdirSync(dir, { recursive: true })
  for (let attempt = 0; ; attempt++) {
    try {
      writeFileSync(file, `${JSON.stringify({ holders: [me] })}\n`, { flag: 'wx' })
      break
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 2) throw error
    }
    const alive = readHolders(file).filter(isAlive)
    if (alive.some((h) => h.pid === process.pid)) return () => {}
    if (alive.length === 0) {
      rmSync(file, { force: true })
      continue
    }
    if (alive.some((h) => h.pid === process.ppid)) {
      writeHolders(file, [...alive, me])
      break
    }
    throw inUse(dir, alive[0]!)
  }
  let released = false
  const release = () => {
    if (released) return
    released = true
    process.off('exit', release)
    const others = readHolders(file).filter((h) => h.pid !== process.pid)
    if (others.some(isAlive)) writeHolders(file, others)
    else rmSync(file, { force: true })
  }
  process.on('exit', release)
  return release
}
