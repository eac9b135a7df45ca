// The data folder (DATA_DIR) holds the embedded database, the bundled Meilisearch's data and the
// session secret. Read-only, full or not a folder, it would make PGlite or Meilisearch fail later
// with a wasm stack trace or hang; this check says what is wrong, in one line, before anything starts.
import { randomBytes } from 'node:crypto'
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
