// Login, throttled on every portal process alike (throttle.ts): attempts are counted in
// PostgreSQL, never in a process's memory, and no number of failures locks an account.
import { appendAudit, type AuditActor } from '../audit'
import type { Db, Prisma } from '../../utils/prisma'
import { verifyNothing, verifyPassword } from './passwords'
import { attemptSucceeded, beginAttempt } from './throttle'

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
  /** too many failures of this name from this address, of this address, or of this name from everywhere */
  | { ok: false; error: 'TOO_MANY_ATTEMPTS'; retryAt: Date }

export async function login(db: Db, input: { username: string; password: string }, request: RequestInfo, now = new Date()): Promise<LoginResult> {
  const { username, password } = input
  const { address, requestId } = request

  const attempt = await beginAttempt(db, username, address, now)
  // Refused before any lookup, password check or audit entry, and the same for every name: a
  // flood must not grow the audit chain, nor tell which names exist.
  if (!attempt.ok) return { ok: false, error: 'TOO_MANY_ATTEMPTS', retryAt: attempt.retryAt }

  const refuse = async (actor: AuditActor, entityId: number | undefined, reason: string): Promise<LoginResult> => {
    await db.$transaction((tx) => appendAudit(tx, actor, { action: 'auth.login_failed', entityType: 'USER', entityId, after: { address, reason }, requestId }))
    return { ok: false, error: 'INVALID_CREDENTIALS' }
  }
  const user = await db.user.findUnique({ where: { username }, include: userWithDepartment })
  if (!user) {
    await verifyNothing(password)
    return refuse({ id: null, username, role: null, departmentId: null }, undefined, 'unknown user')
  }
  const actor: AuditActor = user
  const valid = await verifyPassword(user.passwordHash, password)
  if (user.disabled) return refuse(actor, user.id, 'disabled')
  if (!valid) return refuse(actor, user.id, 'wrong password')

  const signedIn = await db.$transaction(async (tx) => {
    await attemptSucceeded(tx, attempt.keys, now)
    const updated = await tx.user.update({ where: { id: user.id }, data: { lastLoginAt: now }, include: userWithDepartment })
    await appendAudit(tx, actor, { action: 'auth.login', entityType: 'USER', entityId: user.id, after: { address }, requestId })
    return updated
  })
  return { ok: true, user: signedIn }
}
