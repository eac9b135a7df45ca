// `npm start` with a data folder it cannot use (read-only, a full disk, a path through a file)
// stops at once with one line naming the folder and what to do, in Chinese and English.
// Where the faults are real: a path through a file always; a read-only folder through a read-only
// mount (as root, where permission bits do not stop writes) or chmod (as any other user); a full
// disk through a 1 MB tmpfs filled to the last byte (as root). Where mounting is impossible those
// two cases are skipped, and the free-space threshold is still tested with an injected minimum.
import { spawn, spawnSync } from 'node:child_process'
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { checkDataDir, DataDirError, lockDataDir } from '../../server/utils/data-dir'

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..')
const work = mkdtempSync(path.join(os.tmpdir(), 'sanzhang-datadir-'))
const mounts: string[] = []
const isRoot = process.getuid?.() === 0

function mountTmpfs(dir: string, options: string): boolean {
  mkdirSync(dir, { recursive: true })
  if (!isRoot) return false
  const ok = spawnSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir]).status === 0
  if (ok) mounts.push(dir)
  return ok
}
const canMount = mountTmpfs(path.join(work, 'probe-mount'), 'size=64k')

afterAll(() => {
  for (const dir of mounts.reverse()) spawnSync('umount', ['-l', dir])
  rmSync(work, { recursive: true, force: true })
})

/** Runs `npm start` (scripts/start.ts) with DATA_DIR; resolves with its exit code and output. */
function npmStart(dataDir: string): Promise<{ code: number | null; stdout: string; stderr: string; ms: number }> {
  const started = Date.now()
  const env: Record<string, string> = { PATH: process.env.PATH!, HOME: process.env.HOME ?? work, DATA_DIR: dataDir }
  const child = spawn(path.join(root, 'node_modules/.bin/tsx'), ['scripts/start.ts'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (d: Buffer) => { stdout += d.toString() })
  child.stderr.on('data', (d: Buffer) => { stderr += d.toString() })
  const timer = setTimeout(() => child.kill('SIGKILL'), 25_000)
  return new Promise((resolve) => child.on('exit', (code) => {
    clearTimeout(timer)
    resolve({ code, stdout, stderr, ms: Date.now() - started })
  }))
}

async function expectClearRefusal(dataDir: string, what: RegExp) {
  const run = await npmStart(dataDir)
  expect(run.code, run.stdout + run.stderr).toBe(1)
  const lines = run.stderr.trim().split('\n')
  expect(lines, run.stderr).toHaveLength(1)
  expect(lines[0]).toContain(path.resolve(dataDir))
  expect(lines[0]).toMatch(/[\u4e00-\u9fff]/)
  expect(lines[0]).toMatch(what)
  expect(run.stderr).not.toMatch(/\n\s+at /)
  // It stops before building or starting anything (nothing of the start's log is printed).
  expect(run.stdout).not.toContain('Meilisearch')
}

describe('npm start with a data folder it cannot use', () => {
  it('refuses a data folder whose path runs through a file', async () => {
    const file = path.join(work, 'a-file')
    writeFileSync(file, 'not a folder')
    await expectClearRefusal(path.join(file, 'data'), /part of its path is a file.*DATA_DIR/)
  })

  it.skipIf(isRoot && !canMount)('refuses a read-only data folder', async () => {
    const dir = path.join(work, 'read-only')
    if (isRoot) {
      expect(mountTmpfs(dir, 'ro,size=1m')).toBe(true)
    } else {
      mkdirSync(dir)
      chmodSync(dir, 0o555)
    }
    await expectClearRefusal(dir, /not writable \((EROFS|EACCES)\).*fix its permissions/)
  })

  it.skipIf(!canMount)('refuses a data folder on a full disk', async () => {
    const dir = path.join(work, 'full')
    expect(mountTmpfs(dir, 'size=1m')).toBe(true)
    // Fill the disk to the last byte: a real ENOSPC for anything that writes there.
    await expect(writeFile(path.join(dir, 'filler'), Buffer.alloc(2 * 1024 * 1024))).rejects.toMatchObject({ code: 'ENOSPC' })
    await expectClearRefusal(dir, /disk of the data folder .* is full \(ENOSPC\): free some space/)
  })

  it('calls a disk full when less than the minimum is free, and accepts a folder with room', async () => {
    const dir = path.join(work, 'room')
    await expect(checkDataDir(dir, { minFreeBytes: 1 })).resolves.toBeUndefined()
    const refused = await checkDataDir(dir, { minFreeBytes: Number.MAX_SAFE_INTEGER }).catch((e: unknown) => e)
    expect(refused).toBeInstanceOf(DataDirError)
    expect((refused as Error).message).toMatch(/所在磁盘已满.*MB free, \d+ MB needed/)
  })
})

describe('one process per data folder', () => {
  /** A process that claims the folder and keeps running; resolves once it holds the claim. */
  function holder(dataDir: string) {
    const child = spawn(process.execPath, ['--import', 'tsx', '-e', `const { lockDataDir } = await import('./server/utils/data-dir.ts'); lockDataDir(${JSON.stringify(dataDir)}); console.log('held'); setInterval(() => {}, 1000)`], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] })
    const held = new Promise<void>((resolve) => child.stdout.once('data', () => resolve()))
    const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()))
    return { child, held, gone }
  }

  it('refuses a second claim from another process, naming the folder and the holder, and takes over once the holder was killed', async () => {
    const dir = path.join(work, 'locked')
    const first = holder(dir)
    await first.held
    const refused = (() => {
      try {
        lockDataDir(dir)
        return null
      } catch (error) {
        return error
      }
    })()
    expect(refused).toBeInstanceOf(DataDirError)
    expect((refused as Error).message).toContain(`The data folder ${dir} is in use by process ${first.child.pid} (`)
    expect((refused as Error).message).toContain(`数据文件夹 ${dir} 正被进程 ${first.child.pid}`)

    // Killed without a chance to let go, the holder leaves its claim behind; it no longer counts.
    first.child.kill('SIGKILL')
    await first.gone
    const release = lockDataDir(dir)
    // Claiming again in the same process is allowed (the launcher, then its migrations).
    expect(lockDataDir(dir)).toBeTypeOf('function')
    release()
    const second = holder(dir)
    await second.held
    second.child.kill('SIGKILL')
    await second.gone
  })
})
