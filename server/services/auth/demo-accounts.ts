// The demo accounts of shared/demo-accounts.ts, created by `npm start` in demo mode only.
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../../shared/demo-accounts'
import { appendAudit, SYSTEM_ACTOR } from '../audit'
import { createAccount } from '../admin/users'
import { verifyPassword } from './passwords'
import { endUserSessions } from './sessions'
import type { Db } from '../../utils/prisma'

/** Creates the demo accounts that do not exist yet; returns the usernames it created. */
export async function ensureDemoAccounts(db: Db): Promise<string[]> {
  const existing = new Set((await db.user.findMany({ where: { username: { in: DEMO_ACCOUNTS.map((a) => a.username) } }, select: { username: true } })).map((u) => u.username))
  const created: string[] = []
  for (const account of DEMO_ACCOUNTS) {
    if (existing.has(account.username)) continue
    const department = account.department ? await db.department.findUnique({ where: { name: account.department }, select: { id: true } }) : null
    if (account.department && !department) throw new Error(`the demo account ${account.username} needs the department ${account.department}, which the data lacks`)
    await createAccount(db, SYSTEM_ACTOR, {
      username: account.username,
      displayName: account.displayName,
      role: account.role,
      departmentId: department?.id ?? null,
      password: DEMO_PASSWORD,
      mustChangePassword: false,
    })
    created.push(account.username)
  }
  return created
}

/**
 * Outside demo mode, a demo account left from an earlier demo run must not let anyone in with
 * the published password: disables those that still have it. Returns their usernames.
 */
export async function disableDemoAccounts(db: Db): Promise<string[]> {
  const candidates = await db.user.findMany({ where: { username: { in: DEMO_ACCOUNTS.map((a) => a.username) }, disabled: false } })
  const disabled: string[] = []
  for (const user of candidates) {
    if (!(await verifyPassword(user.passwordHash, DEMO_PASSWORD))) continue
    await db.$transaction(async (tx) => {
      await tx.user.update({ where: { id: user.id }, data: { disabled: true } })
      await endUserSessions(tx, user.id)
      await appendAudit(tx, SYSTEM_ACTOR, { action: 'user.updated', entityType: 'USER', entityId: user.id, before: { disabled: false }, after: { disabled: true }, reason: 'demo account with the public demo password, outside demo mode' })
    })
    disabled.push(user.username)
  }
  return disabled
}
