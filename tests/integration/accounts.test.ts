// Accounts against a real PostgreSQL: login, its limits, password changes, administration, and
// the audit entry each of them must leave in the same transaction.
import { execFileSync } from 'node:child_process'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createTestEnv, type TestEnv } from '../helpers/services'
import { login } from '../../server/services/auth/login'
import { LOGIN_LIMITS } from '../../server/services/auth/throttle'
import { changePassword, loadActor, recordLogout, toActor } from '../../server/services/auth/accounts'
import { openSession } from '../../server/services/auth/sessions'
import { createAccount, createUser, resetPassword, updateUser } from '../../server/services/admin/users'
import { createDepartment, updateDepartment } from '../../server/services/admin/departments'
import { disableDemoAccounts, ensureDemoAccounts } from '../../server/services/auth/demo-accounts'
import { AccountError } from '../../server/services/auth/errors'
import { SYSTEM_ACTOR, verifyAuditChain } from '../../server/services/audit'
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../shared/demo-accounts'
import { passwordChangeSchema } from '../../shared/auth'
import { openDatabase, type Db, type DbHandle } from '../../server/utils/prisma'

let env: TestEnv
let db: Db
let police: number
let civil: number
let counter = 0

const PASSWORD = 'correct-horse-battery'
const from = (address = '10.0.0.1') => ({ address, requestId: 'req-test' })

async function newUser(role: 'EDITOR' | 'REFORM_OFFICE' | 'AUDITOR' | 'ADMIN' = 'EDITOR', departmentId: number | null = police) {
  counter += 1
  return createAccount(db, SYSTEM_ACTOR, { username: `user-number-${counter}`, displayName: `User ${counter}`, role, departmentId, password: PASSWORD, mustChangePassword: false })
}

async function auditActions(entityId?: number) {
  const rows = await db.auditEntry.findMany({ where: entityId === undefined ? {} : { entityId: String(entityId) }, orderBy: { seq: 'asc' } })
  return rows.map((r) => r.action)
}

async function refusal(work: Promise<unknown>): Promise<AccountError> {
  const error = await work.then(() => null, (e: unknown) => e)
  expect(error).toBeInstanceOf(AccountError)
  return error as AccountError
}

beforeAll(async () => {
  env = await createTestEnv()
  db = env.db.prisma
  police = (await db.department.create({ data: { code: 'GA', name: '区公安分局', areaCode: '511602' } })).id
  civil = (await db.department.create({ data: { code: 'MZ', name: '区民政局', areaCode: '511602' } })).id
})

afterAll(async () => {
  expect(await verifyAuditChain(db)).toMatchObject({ ok: true })
  await env?.close()
})

// Each test starts with no failures counted, so the per-address limit of one does not leak into another.
beforeEach(async () => { await db.loginThrottle.deleteMany() })

describe('login', () => {
  it('signs a user in with the right password, and records and audits it', async () => {
    const user = await newUser()
    const result = await login(db, { username: user.username, password: PASSWORD }, from())
    expect(result).toMatchObject({ ok: true, user: { id: user.id, department: { name: '区公安分局' } } })
    const row = await db.user.findUniqueOrThrow({ where: { id: user.id } })
    expect(row.lastLoginAt).not.toBeNull()
    expect(row.passwordHash).toMatch(/^\$argon2id\$/)
    expect(await auditActions(user.id)).toEqual(['user.created', 'auth.login'])
  })

  it('gives one answer for a wrong password and for an unknown user, and audits both', async () => {
    const user = await newUser()
    expect(await login(db, { username: user.username, password: 'wrong-password!' }, from())).toEqual({ ok: false, error: 'INVALID_CREDENTIALS' })
    expect(await login(db, { username: 'nobody-here', password: PASSWORD }, from())).toEqual({ ok: false, error: 'INVALID_CREDENTIALS' })
    expect(await auditActions(user.id)).toEqual(['user.created', 'auth.login_failed'])
    const unknown = await db.auditEntry.findFirstOrThrow({ where: { actorName: 'nobody-here' } })
    expect(unknown).toMatchObject({ action: 'auth.login_failed', actorId: null })
  })

  it(`throttles one address guessing one account after ${LOGIN_LIMITS.perAccountAddress} failures, and an unknown username exactly the same way`, async () => {
    const user = await newUser()
    for (const username of [user.username, 'nobody-at-all']) {
      for (let i = 0; i < LOGIN_LIMITS.perAccountAddress; i++) {
        expect(await login(db, { username, password: `wrong-${i}` }, from('10.3.3.3'))).toEqual({ ok: false, error: 'INVALID_CREDENTIALS' })
      }
    }
    const known = await login(db, { username: user.username, password: PASSWORD }, from('10.3.3.3'))
    const unknown = await login(db, { username: 'nobody-at-all', password: PASSWORD }, from('10.3.3.3'))
    // The same answer, down to its shape: nothing tells that one of the names exists.
    expect(known).toMatchObject({ ok: false, error: 'TOO_MANY_ATTEMPTS' })
    expect(Object.keys(known).sort()).toEqual(Object.keys(unknown).sort())
    expect(unknown).toMatchObject({ ok: false, error: 'TOO_MANY_ATTEMPTS' })
    const retryAt = (known as { retryAt: Date }).retryAt.getTime()
    expect(retryAt - Date.now()).toBeGreaterThan(14 * 60_000)
    // Once the failures have left the window, the address may try again.
    expect(await login(db, { username: user.username, password: PASSWORD }, from('10.3.3.3'), new Date(retryAt + 1000))).toMatchObject({ ok: true })
    // Throttled attempts check no password and write no audit entry.
    expect(await auditActions(user.id)).toEqual(['user.created', ...Array(LOGIN_LIMITS.perAccountAddress).fill('auth.login_failed'), 'auth.login'])
  })

  it('never locks the owner out: an attacker from other addresses is throttled, the owner signs in from their own', async () => {
    const admin = await newUser('ADMIN', null)
    // Enough addresses to put the account under attack.
    const attackers = Math.ceil(LOGIN_LIMITS.perAccount / LOGIN_LIMITS.perAccountAddress) + 1
    for (let a = 0; a < attackers; a++) {
      for (let i = 0; i < LOGIN_LIMITS.perAccountAddress; i++) await login(db, { username: admin.username, password: `guess-${i}` }, from(`10.4.0.${a}`))
      expect(await login(db, { username: admin.username, password: PASSWORD }, from(`10.4.0.${a}`))).toMatchObject({ error: 'TOO_MANY_ATTEMPTS' })
    }
    // Under attack, a new address gets one guess, then waits.
    expect(await login(db, { username: admin.username, password: 'one-more-guess' }, from('10.4.1.1'))).toMatchObject({ error: 'INVALID_CREDENTIALS' })
    expect(await login(db, { username: admin.username, password: 'and-another-one' }, from('10.4.1.1'))).toMatchObject({ error: 'TOO_MANY_ATTEMPTS' })
    // The owner, from an address that has not failed, gets in with the right password.
    expect(await login(db, { username: admin.username, password: PASSWORD }, from('10.5.5.5'))).toMatchObject({ ok: true, user: { id: admin.id } })
  })

  it('holds its limits when many attempts arrive at once on several connections', async () => {
    const user = await newUser()
    const handles: DbHandle[] = await Promise.all(Array.from({ length: 6 }, () => openDatabase(env.config)))
    try {
      const results = await Promise.all(Array.from({ length: 30 }, (_, i) => login(handles[i % handles.length]!.prisma, { username: user.username, password: `burst-${i}` }, from('10.6.6.6'))))
      const answers = results.map((r) => (r.ok ? 'ok' : r.error))
      expect(answers.filter((a) => a === 'INVALID_CREDENTIALS').length).toBeLessThanOrEqual(LOGIN_LIMITS.perAccountAddress)
      expect(answers.filter((a) => a !== 'INVALID_CREDENTIALS')).toEqual(Array(30 - answers.filter((a) => a === 'INVALID_CREDENTIALS').length).fill('TOO_MANY_ATTEMPTS'))
    } finally {
      await Promise.all(handles.map((h) => h.close()))
    }
  })

  it('counts a success as the end of a run of failures', async () => {
    const user = await newUser()
    for (let i = 0; i < LOGIN_LIMITS.perAccountAddress - 1; i++) await login(db, { username: user.username, password: 'nope-nope' }, from())
    expect(await login(db, { username: user.username, password: PASSWORD }, from())).toMatchObject({ ok: true })
    expect(await login(db, { username: user.username, password: 'nope-nope' }, from())).toMatchObject({ error: 'INVALID_CREDENTIALS' })
  })

  it(`refuses an address after ${LOGIN_LIMITS.perAddress} failures, whatever the usernames, without writing the audit log`, async () => {
    const user = await newUser()
    for (let i = 0; i < LOGIN_LIMITS.perAddress; i++) {
      expect(await login(db, { username: `guess${i}`, password: 'guess-guess' }, from('10.9.9.9'))).toMatchObject({ error: 'INVALID_CREDENTIALS' })
    }
    const auditBefore = await db.auditEntry.count()
    const limited = await login(db, { username: user.username, password: PASSWORD }, from('10.9.9.9'))
    expect(limited).toMatchObject({ ok: false, error: 'TOO_MANY_ATTEMPTS' })
    expect((limited as { retryAt: Date }).retryAt.getTime()).toBeGreaterThan(Date.now())
    expect(await db.auditEntry.count()).toBe(auditBefore)
    // Another address, and the same address once the window has passed, get through.
    expect(await login(db, { username: user.username, password: PASSWORD }, from('10.0.0.2'))).toMatchObject({ ok: true })
    expect(await login(db, { username: user.username, password: PASSWORD }, from('10.9.9.9'), new Date(Date.now() + 16 * 60_000))).toMatchObject({ ok: true })
  })

  it('refuses a disabled user with the ordinary answer, and ends their sessions for good', async () => {
    const user = await newUser()
    const session = (await db.user.findUniqueOrThrow({ where: { id: user.id } })).passwordChangedAt.getTime()
    const sid = await openSession(db, user.id, 3600)
    expect(await loadActor(db, user.id, session, sid)).toMatchObject({ id: user.id })
    await updateUser(db, SYSTEM_ACTOR, user.id, { disabled: true })
    expect(await login(db, { username: user.username, password: PASSWORD }, from())).toEqual({ ok: false, error: 'INVALID_CREDENTIALS' })
    expect(await loadActor(db, user.id, session, sid)).toBeNull()
    const failed = await db.auditEntry.findFirstOrThrow({ where: { entityId: String(user.id), action: 'auth.login_failed' } })
    expect(failed.after).toMatchObject({ reason: 'disabled' })
    // Enabled again, the account needs a new login: the cookie issued before is still refused.
    await updateUser(db, SYSTEM_ACTOR, user.id, { disabled: false })
    expect(await loadActor(db, user.id, session, sid)).toBeNull()
    expect(await login(db, { username: user.username, password: PASSWORD }, from('10.0.0.3'))).toMatchObject({ ok: true })
  })
})

describe('sessions', () => {
  it('ends at logout for every copy of the cookie, and at its expiry, and belongs to one user', async () => {
    const user = await newUser()
    const other = await newUser()
    const changedAt = (await db.user.findUniqueOrThrow({ where: { id: user.id } })).passwordChangedAt.getTime()
    const sid = await openSession(db, user.id, 3600)
    const actor = await loadActor(db, user.id, changedAt, sid)
    expect(actor).toMatchObject({ id: user.id })
    expect(await loadActor(db, other.id, changedAt, sid)).toBeNull()
    expect(await loadActor(db, user.id, changedAt, 'made-up-session-id')).toBeNull()

    await recordLogout(db, actor!, sid, from())
    expect(await loadActor(db, user.id, changedAt, sid)).toBeNull()
    expect(await auditActions(user.id)).toContain('auth.logout')

    const expired = await openSession(db, user.id, 60, new Date(Date.now() - 120_000))
    expect(await loadActor(db, user.id, changedAt, expired)).toBeNull()
  })
})

describe('password change', () => {
  it('needs the current password and the policy, then ends every other session', async () => {
    const user = await newUser()
    const actor = toActor({ ...user, mustChangePassword: false })
    const oldSession = (await db.user.findUniqueOrThrow({ where: { id: user.id } })).passwordChangedAt.getTime()
    const sid = await openSession(db, user.id, 3600)

    expect((await refusal(changePassword(db, actor, { currentPassword: 'not-my-password', newPassword: 'a-new-password-1' }, from()))).code).toBe('CURRENT_PASSWORD_WRONG')
    const sameAsName = await refusal(changePassword(db, actor, { currentPassword: PASSWORD, newPassword: user.username.toUpperCase() }, from()))
    expect([sameAsName.code, sameAsName.field]).toEqual(['PASSWORD_POLICY', 'newPassword'])

    const changedAt = await changePassword(db, actor, { currentPassword: PASSWORD, newPassword: 'a-new-password-1' }, from())
    expect(await loadActor(db, user.id, oldSession, sid)).toBeNull()
    expect(await loadActor(db, user.id, changedAt.getTime(), await openSession(db, user.id, 3600))).toMatchObject({ id: user.id })
    expect(await login(db, { username: user.username, password: PASSWORD }, from())).toMatchObject({ error: 'INVALID_CREDENTIALS' })
    expect(await login(db, { username: user.username, password: 'a-new-password-1' }, from())).toMatchObject({ ok: true })
    expect(await auditActions(user.id)).toEqual(['user.created', 'auth.password_change_failed', 'auth.password_changed', 'auth.login_failed', 'auth.login'])
  })

  it('is limited like a login: guesses at the current password are throttled, even all at once, and the owner elsewhere is not', async () => {
    const user = await newUser()
    const actor = toActor({ ...user, mustChangePassword: false })
    const tries = await Promise.all(Array.from({ length: 30 }, (_, i) => changePassword(db, actor, { currentPassword: `guess-${i}`, newPassword: 'a-new-password-2' }, from('10.7.7.7')).then(() => 'changed', (e: AccountError) => e.code)))
    expect(tries.filter((c) => c === 'CURRENT_PASSWORD_WRONG').length).toBeLessThanOrEqual(LOGIN_LIMITS.perAccountAddress)
    expect(tries.filter((c) => c !== 'CURRENT_PASSWORD_WRONG')).toEqual(Array(30 - tries.filter((c) => c === 'CURRENT_PASSWORD_WRONG').length).fill('TOO_MANY_ATTEMPTS'))
    // Even the right current password waits at that address, and the refusal says until when.
    const throttled = await refusal(changePassword(db, actor, { currentPassword: PASSWORD, newPassword: 'a-new-password-2' }, from('10.7.7.7')))
    expect([throttled.status, throttled.code]).toEqual([429, 'TOO_MANY_ATTEMPTS'])
    expect(throttled.retryAt!.getTime()).toBeGreaterThan(Date.now())
    // Guesses at the current password count against the account's logins from there too.
    expect(await login(db, { username: user.username, password: PASSWORD }, from('10.7.7.7'))).toMatchObject({ error: 'TOO_MANY_ATTEMPTS' })
    expect(await changePassword(db, actor, { currentPassword: PASSWORD, newPassword: 'a-new-password-2' }, from('10.8.8.8'))).toBeInstanceOf(Date)
  })

  it('refuses short passwords and a mistyped confirmation in the shared schema', () => {
    const short = passwordChangeSchema.safeParse({ currentPassword: 'x', newPassword: 'short', confirmPassword: 'short' })
    expect(short.success).toBe(false)
    expect(short.error!.issues.map((i) => i.path.join('.'))).toContain('newPassword')
    const mistyped = passwordChangeSchema.safeParse({ currentPassword: 'x', newPassword: 'long-enough-1', confirmPassword: 'long-enough-2' })
    expect(mistyped.error!.issues.map((i) => i.path.join('.'))).toEqual(['confirmPassword'])
  })
})

describe('administration', () => {
  it('creates a user with a one-time password that must be changed', async () => {
    const { user, temporaryPassword } = await createUser(db, SYSTEM_ACTOR, { username: 'newbie', displayName: '新同事', role: 'EDITOR', departmentId: civil })
    expect(user).toMatchObject({ mustChangePassword: true, departmentName: '区民政局' })
    expect(temporaryPassword.length).toBeGreaterThanOrEqual(15)
    expect(await login(db, { username: 'newbie', password: temporaryPassword }, from())).toMatchObject({ ok: true, user: { mustChangePassword: true } })
    expect((await refusal(createUser(db, SYSTEM_ACTOR, { username: 'newbie', displayName: 'x', role: 'AUDITOR', departmentId: null }))).code).toBe('USERNAME_TAKEN')
    expect((await refusal(createUser(db, SYSTEM_ACTOR, { username: 'nodept', displayName: 'x', role: 'EDITOR', departmentId: null }))).code).toBe('DEPARTMENT_REQUIRED')
  })

  it('audits a change of role and department with before and after', async () => {
    const user = await newUser('EDITOR', police)
    await updateUser(db, SYSTEM_ACTOR, user.id, { departmentId: civil })
    const entry = await db.auditEntry.findFirstOrThrow({ where: { entityId: String(user.id), action: 'user.updated' } })
    expect(entry.before).toMatchObject({ departmentId: police, role: 'EDITOR' })
    expect(entry.after).toMatchObject({ departmentId: civil, role: 'EDITOR' })
    expect(JSON.stringify([entry.before, entry.after])).not.toContain('argon2')
  })

  it('never leaves the portal without an enabled administrator', async () => {
    await db.user.updateMany({ where: { role: 'ADMIN' }, data: { disabled: true } })
    const admin = await newUser('ADMIN', null)
    expect((await refusal(updateUser(db, SYSTEM_ACTOR, admin.id, { disabled: true }))).code).toBe('LAST_ADMIN')
    expect((await refusal(updateUser(db, SYSTEM_ACTOR, admin.id, { role: 'AUDITOR' }))).code).toBe('LAST_ADMIN')
    await newUser('ADMIN', null)
    expect(await updateUser(db, SYSTEM_ACTOR, admin.id, { role: 'AUDITOR' })).toMatchObject({ role: 'AUDITOR' })
  })

  it('resets a password: the old one and the old sessions stop working', async () => {
    const user = await newUser()
    const session = (await db.user.findUniqueOrThrow({ where: { id: user.id } })).passwordChangedAt.getTime()
    const sid = await openSession(db, user.id, 3600)
    const { temporaryPassword } = await resetPassword(db, SYSTEM_ACTOR, user.id)
    expect(await loadActor(db, user.id, session, sid)).toBeNull()
    expect(await login(db, { username: user.username, password: PASSWORD }, from())).toMatchObject({ error: 'INVALID_CREDENTIALS' })
    expect(await login(db, { username: user.username, password: temporaryPassword }, from())).toMatchObject({ ok: true, user: { mustChangePassword: true } })
    expect(await auditActions(user.id)).toContain('user.password_reset')
  })

  it('creates and edits departments, refusing duplicate names and a cycle in the tree', async () => {
    const parent = await createDepartment(db, SYSTEM_ACTOR, { code: 'ZF', name: '区人民政府', shortName: null, level: 'COUNTY', areaCode: '511602', parentId: null })
    const child = await createDepartment(db, SYSTEM_ACTOR, { code: 'XZ-1', name: '某某街道办事处', shortName: null, level: 'TOWNSHIP', areaCode: '511602001', parentId: parent.id })
    expect(child).toMatchObject({ parentName: '区人民政府', level: 'TOWNSHIP' })
    expect((await refusal(createDepartment(db, SYSTEM_ACTOR, { code: 'ZF2', name: '区人民政府', shortName: null, level: 'COUNTY', areaCode: '511602', parentId: null }))).code).toBe('DEPARTMENT_NAME_TAKEN')
    expect((await refusal(updateDepartment(db, SYSTEM_ACTOR, parent.id, { parentId: child.id }))).code).toBe('DEPARTMENT_CYCLE')
    expect(await updateDepartment(db, SYSTEM_ACTOR, child.id, { name: '某某街道' })).toMatchObject({ name: '某某街道' })
    const entry = await db.auditEntry.findFirstOrThrow({ where: { entityType: 'DEPARTMENT', entityId: String(child.id), action: 'department.updated' } })
    expect([entry.before, entry.after]).toMatchObject([{ name: '某某街道办事处' }, { name: '某某街道' }])
  })
})

describe('accounts that come with the portal', () => {
  it('creates the demo accounts once, and disables them outside demo mode while they keep the public password', async () => {
    expect(await ensureDemoAccounts(db)).toEqual(DEMO_ACCOUNTS.map((a) => a.username))
    expect(await ensureDemoAccounts(db)).toEqual([])
    const editor = await db.user.findUniqueOrThrow({ where: { username: 'civil.editor' } })
    expect(editor).toMatchObject({ role: 'EDITOR', departmentId: civil })
    expect(await login(db, { username: 'police.editor', password: DEMO_PASSWORD }, from())).toMatchObject({ ok: true })

    const admin = await db.user.findUniqueOrThrow({ where: { username: 'admin' } })
    await changePassword(db, toActor(admin), { currentPassword: DEMO_PASSWORD, newPassword: 'a-private-password' }, from())
    const disabled = await disableDemoAccounts(db)
    expect(disabled.sort()).toEqual(DEMO_ACCOUNTS.map((a) => a.username).filter((u) => u !== 'admin').sort())
    expect(await login(db, { username: 'police.editor', password: DEMO_PASSWORD }, from())).toMatchObject({ error: 'INVALID_CREDENTIALS' })
  })

  it('admin:create refuses a weak password and creates an audited administrator with a strong one', () => {
    const run = (username: string, password: string) => {
      try {
        return { code: 0, out: execFileSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/admin-create.ts', username], {
          env: { ...process.env, DATABASE_URL: env.config.databaseUrl, ADMIN_PASSWORD: password }, encoding: 'utf8', stdio: 'pipe',
        }) }
      } catch (error) {
        const e = error as { status: number; stderr: string }
        return { code: e.status, out: e.stderr }
      }
    }
    expect(run('chief', 'short')).toMatchObject({ code: 1, out: expect.stringContaining('至少10个字符') })
    expect(run('chief-admin', 'chief-admin')).toMatchObject({ code: 1, out: expect.stringContaining('不能与用户名相同') })
    expect(run('chief', 'a-long-enough-secret')).toMatchObject({ code: 0, out: expect.stringContaining('administrator chief created') })
  })

  it('leaves an audit entry for the administrator admin:create made', async () => {
    const chief = await db.user.findUniqueOrThrow({ where: { username: 'chief' } })
    expect(chief).toMatchObject({ role: 'ADMIN', mustChangePassword: false })
    expect(await db.auditEntry.findFirst({ where: { entityId: String(chief.id), action: 'user.created', actorName: 'admin:create' } })).not.toBeNull()
    expect(await db.user.count({ where: { username: 'chief-admin' } })).toBe(0)
  })
})
