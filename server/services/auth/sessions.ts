// Server-side record of signed-in sessions. The sealed cookie proves who signed in; this table
// says whether that session is still open, so logout ends it for every copy of the cookie.
import { randomBytes } from 'node:crypto'
import type { Db, Prisma } from '../../utils/prisma'

type Tx = Prisma.TransactionClient | Db

/** Opens a session for the user, valid for maxAgeSeconds; returns its id for the cookie. */
export async function openSession(db: Db, userId: number, maxAgeSeconds: number, now = new Date()): Promise<string> {
  const id = randomBytes(32).toString('base64url')
  await db.$transaction([
    // The user's sessions that ended or expired more than a day ago are of no further use.
    db.userSession.deleteMany({ where: { userId, OR: [{ endedAt: { lt: new Date(now.getTime() - 86_400_000) } }, { expiresAt: { lt: new Date(now.getTime() - 86_400_000) } }] } }),
    db.userSession.create({ data: { id, userId, expiresAt: new Date(now.getTime() + maxAgeSeconds * 1000) } }),
  ])
  return id
}

/** Whether the session is the user's, not ended and not expired. */
export async function isSessionOpen(db: Db, id: string, userId: number, now = new Date()): Promise<boolean> {
  const session = await db.userSession.findUnique({ where: { id } })
  return !!session && session.userId === userId && session.endedAt === null && session.expiresAt > now
}

/** Ends a session; call inside the transaction that records the logout. */
export async function endSessionRecord(tx: Tx, id: string, now = new Date()): Promise<void> {
  await tx.userSession.updateMany({ where: { id, endedAt: null }, data: { endedAt: now } })
}

/**
 * Ends every open session of a user; call inside the transaction that disables them. Otherwise
 * re-enabling the account would bring back every cookie issued before it was disabled.
 */
export async function endUserSessions(tx: Tx, userId: number, now = new Date()): Promise<void> {
  await tx.userSession.updateMany({ where: { userId, endedAt: null }, data: { endedAt: now } })
}
