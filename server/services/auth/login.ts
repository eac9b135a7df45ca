// Login with rate limits that hold across every portal process: attempts are counted in
// PostgreSQL (LoginAttempt, User.failedLogins/lockedUntil), never in a process's memory.
import { appendAudit, type AuditActor } from '../audit'
import type { Db, Prisma } from '../../utils/prisma'
import { verifyNothing, verifyPassword } from './passwords'

type Tx = Prisma.TransactionClient

/** Consecutive failures after which an account is locked, and for how long. */
export const ACCOUNT_MAX_FAILURES = 5
export const ACCOUNT_LOCK_MS = 15 * 60_000
/** Failures from one client address, whatever the usernames, within the window. */
export const ADDRESS_MAX_FAILURES = 20
export const ADDRESS_WINDOW_MS = 15 * 60_000
/** Attempts are only needed for the windows above; a day is kept for whoever investigates. */
const ATTEMPT_RETENTION_MS = 24 * 60 * 60_000

export interface RequestInfo {
  /** the client address, as the portal is configured to read it (TRUST_PROXY) */
  address: string
  requestId?: string
}

const userWithDepartment = { department: { select: { name: true } } } satisfies Prisma.UserInclude
export type UserWithDepartment = Prisma.UserGetPayload<{ include: typeof userWithDepartment }>

export type LoginResult =
  | { ok: true; user: UserWithDepartment }
  /** wrong password, unknown or disabled user: one answer, so no one learns which */
  | { ok: false; error: 'INVALID_CREDENTIALS' }
  | { ok: false; error: 'ACCOUNT_LOCKED'; lockedUntil: Date }
  | { ok: false; error: 'TOO_MANY_ATTEMPTS'; retryAt: Date }

export async function login(db: Db, input: { username: string; password: string }, request: RequestInfo, now = new Date()): Promise<LoginResult> {
  const { username, password } = input
  const { address, requestId } = request

  const windowStart = new Date(now.getTime() - ADDRESS_WINDOW_MS)
  const addressFailures = await db.loginAttempt.findMany({
    where: { address, success: false, at: { gt: windowStart } },
    orderBy: { at: 'desc' },
    take: ADDRESS_MAX_FAILURES,
    select: { at: true },
  })
  if (addressFailures.length >= ADDRESS_MAX_FAILURES) {
    // Refused before any lookup or audit entry: a flood must not grow the audit chain.
    return { ok: false, error: 'TOO_MANY_ATTEMPTS', retryAt: new Date(addressFailures.at(-1)!.at.getTime() + ADDRESS_WINDOW_MS) }
  }

  const user = await db.user.findUnique({ where: { username }, include: userWithDepartment })
  const record = (tx: Tx, success: boolean) => tx.loginAttempt.create({ data: { username, address, success, at: now } })
  const prune = (tx: Tx) => tx.loginAttempt.deleteMany({ where: { at: { lt: new Date(now.getTime() - ATTEMPT_RETENTION_MS) } } })

  if (!user) {
    await verifyNothing(password)
    await db.$transaction(async (tx) => {
      await record(tx, false)
      await prune(tx)
      await appendAudit(tx, { id: null, username, role: null, departmentId: null }, {
        action: 'auth.login_failed', entityType: 'USER', after: { address, reason: 'unknown user' }, requestId,
      })
    })
    return { ok: false, error: 'INVALID_CREDENTIALS' }
  }

  const actor: AuditActor = user
  if (user.lockedUntil && user.lockedUntil > now) {
    const lockedUntil = user.lockedUntil
    await db.$transaction(async (tx) => {
      await record(tx, false)
      await appendAudit(tx, actor, { action: 'auth.login_refused_locked', entityType: 'USER', entityId: user.id, after: { address, lockedUntil }, requestId })
    })
    return { ok: false, error: 'ACCOUNT_LOCKED', lockedUntil }
  }

  const valid = await verifyPassword(user.passwordHash, password)
  if (user.disabled) {
    await db.$transaction(async (tx) => {
      await record(tx, false)
      await appendAudit(tx, actor, { action: 'auth.login_failed', entityType: 'USER', entityId: user.id, after: { address, reason: 'disabled' }, requestId })
    })
    return { ok: false, error: 'INVALID_CREDENTIALS' }
  }

  if (!valid) {
    return db.$transaction(async (tx): Promise<LoginResult> => {
      await record(tx, false)
      await prune(tx)
      // The increment is atomic, so failures arriving at several processes at once all count.
      const counted = await tx.user.update({ where: { id: user.id }, data: { failedLogins: { increment: 1 } }, select: { failedLogins: true } })
      await appendAudit(tx, actor, {
        action: 'auth.login_failed', entityType: 'USER', entityId: user.id, after: { address, reason: 'wrong password', failedLogins: counted.failedLogins }, requestId,
      })
      if (counted.failedLogins < ACCOUNT_MAX_FAILURES) return { ok: false, error: 'INVALID_CREDENTIALS' }
      const lockedUntil = new Date(now.getTime() + ACCOUNT_LOCK_MS)
      // The count starts again after the lock, so the period is a real second chance.
      await tx.user.update({ where: { id: user.id }, data: { lockedUntil, failedLogins: 0 } })
      await appendAudit(tx, actor, {
        action: 'auth.locked', entityType: 'USER', entityId: user.id,
        before: { lockedUntil: null }, after: { lockedUntil, failures: counted.failedLogins }, requestId,
      })
      return { ok: false, error: 'ACCOUNT_LOCKED', lockedUntil }
    })
  }

  const signedIn = await db.$transaction(async (tx) => {
    await record(tx, true)
    const updated = await tx.user.update({
      where: { id: user.id },
      data: { failedLogins: 0, lockedUntil: null, lastLoginAt: now },
      include: userWithDepartment,
    })
    await appendAudit(tx, actor, { action: 'auth.login', entityType: 'USER', entityId: user.id, after: { address }, requestId })
    return updated
  })
  return { ok: true, user: signedIn }
}
