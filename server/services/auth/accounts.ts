// The signed-in user's own account: who they are on each request, logout, password change.
import type { SessionUser } from '../../../shared/auth'
import { passwordPolicyProblem } from '../../../shared/auth'
import { appendAudit } from '../audit'
import type { Db } from '../../utils/prisma'
import { AccountError } from './errors'
import type { RequestInfo } from './login'
import { hashPassword, verifyPassword } from './passwords'
import { endSessionRecord, isSessionOpen } from './sessions'
import { permissionsOf, type Actor } from './policy'

/**
 * The actor behind a session, from the database as it is now: null when the user is gone or
 * disabled, or changed their password after the session was issued (`sessionPasswordChangedAt`,
 * in ms), which ends every other session at once, or when the session was ended by logout.
 */
export async function loadActor(db: Db, userId: number, sessionPasswordChangedAt: number, sessionId: string): Promise<Actor | null> {
  const [user, open] = await Promise.all([db.user.findUnique({ where: { id: userId } }), isSessionOpen(db, sessionId, userId)])
  if (!user || !open || user.disabled || user.passwordChangedAt.getTime() > sessionPasswordChangedAt) return null
  return toActor(user)
}

/** Only what the guard needs from a user row (never its password hash). */
export function toActor(user: Actor): Actor {
  const { id, username, displayName, role, departmentId, mustChangePassword } = user
  return { id, username, displayName, role, departmentId, mustChangePassword }
}

export async function sessionUser(db: Db, actor: Actor): Promise<SessionUser> {
  const department = actor.departmentId === null ? null : await db.department.findUnique({ where: { id: actor.departmentId }, select: { name: true } })
  return { ...toActor(actor), departmentName: department?.name ?? null, permissions: permissionsOf(actor.role) }
}

/** Ends the session and records the logout, together. */
export async function recordLogout(db: Db, actor: Actor, sessionId: string, request: RequestInfo): Promise<void> {
  await db.$transaction(async (tx) => {
    await endSessionRecord(tx, sessionId)
    await appendAudit(tx, actor, {
      action: 'auth.logout', entityType: 'USER', entityId: actor.id, after: { address: request.address }, requestId: request.requestId,
    })
  })
}

/**
 * Replaces the actor's password after checking the current one. Returns the new
 * passwordChangedAt: the caller re-issues its own session with it, every other session ends.
 */
export async function changePassword(db: Db, actor: Actor, input: { currentPassword: string; newPassword: string }, request: RequestInfo): Promise<Date> {
  const user = await db.user.findUniqueOrThrow({ where: { id: actor.id } })
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    await db.$transaction((tx) => appendAudit(tx, actor, {
      action: 'auth.password_change_failed', entityType: 'USER', entityId: actor.id, after: { address: request.address, reason: 'wrong current password' }, requestId: request.requestId,
    }))
    throw new AccountError(400, 'CURRENT_PASSWORD_WRONG', '当前密码不正确', 'currentPassword')
  }
  const problem = passwordPolicyProblem(user.username, input.newPassword)
  if (problem) throw new AccountError(400, 'PASSWORD_POLICY', problem, 'newPassword')
  const passwordHash = await hashPassword(input.newPassword)
  const changedAt = new Date()
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: actor.id }, data: { passwordHash, passwordChangedAt: changedAt, mustChangePassword: false } })
    await appendAudit(tx, actor, {
      action: 'auth.password_changed', entityType: 'USER', entityId: actor.id,
      before: { mustChangePassword: user.mustChangePassword }, after: { mustChangePassword: false, passwordChangedAt: changedAt }, requestId: request.requestId,
    })
  })
  return changedAt
}
