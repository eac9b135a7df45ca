// The secret that seals session cookies, for the zero-setup start: generated once, kept in the
// data folder readable by its owner only, so sessions survive a restart of `npm start`.
import { randomBytes } from 'node:crypto'
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'

export function ensureSessionSecret(dataDir: string): { secret: string; created: boolean } {
  const file = path.join(dataDir, 'session-secret')
  if (existsSync(file)) {
    chmodSync(file, 0o600)
    const secret = readFileSync(file, 'utf8').trim()
    if (secret.length >= 32) return { secret, created: false }
  }
  mkdirSync(dataDir, { recursive: true })
  const secret = randomBytes(32).toString('base64url')
  writeFileSync(file, `${secret}\n`, { mode: 0o600 })
  chmodSync(file, 0o600)
  return { secret, created: true }
}
