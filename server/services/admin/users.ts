// Users and their roles (docs/SECURITY.md, "Accounts and access"). Administrators never choose a password
// for someone else: a new user and a reset get a one-time password that must be changed at the
// next login. Every change is audited with its before and after, in the same transaction.
import type { RoleName, TemporaryPasswordView, UserCreateInput, UserUpdateInput, UserView } from '../../../shared/auth'
import { passwordPolicyProblem } from '../../../shared/auth'
import { appendAudit, type AuditActor } from '../audit'
import type { Db, Prisma } from '../../utils/prisma'
import { AccountError } from '../auth/errors'
import { hashPassword, temporaryPassword } from '../auth/passwords'
import { endUserSessions } from '../auth/sessions'

type Tx = Prisma.TransactionClient

const withDepartment = { department: { select: { name: true } } } satisfies Prisma.UserInclude
type UserRow = Prisma.UserGetPayload<{ include: typeof withDepartment }>

/** What the audit log keeps of a user: never the password hash. */
function auditedUser(u: UserRow | Prisma.UserGetPayload<object>) {
  return { username: u.username, displayName: u.displayName, role: u.role, departmentId: u.departmentId, disabled: u.disabled, mustChangePassword: u.mustChangePassword }
}

export function toUserView(u: UserRow): UserView {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    departmentId: u.departmentId,
    departmentName: u.department?.name ?? null,
    disabled: u.disabled,
    mustChangePassword: u.mustChangePassword,
    lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
  }
}

export async function listUsers(db: Db): Promise<UserView[]> {
  const users = await db.user.findMany({ include: withDepartment, orderBy: [{ role: 'asc' }, { username: 'asc' }] })
  return users.map(toUserView)
}

async function checkDepartment(tx: Tx, role: RoleName, departmentId: number | null): Promise<void> {
  if (role === 'EDITOR' && departmentId === null) throw new AccountError(400, 'DEPARTMENT_REQUIRED', '部门经办人必须属于一个部门', 'departmentId')
  if (departmentId !== null && !(await tx.department.findUnique({ where: { id: departmentId }, select: { id: true } }))) {
    throw new AccountError(400, 'DEPARTMENT_NOT_FOUND', '所选部门不存在', 'departmentId')
  }
}

export interface NewAccount {
  username: string
  displayName: string
  role: RoleName
  departmentId: number | null
  password: string
  /** true for a password someone else chose or generated */
  mustChangePassword: boolean
}

/** Creates a user with the given password after the password policy; used by every way in. */
export async function createAccount(db: Db, actor: AuditActor, account: NewAccount, requestId?: string): Promise<UserView> {
  const problem = passwordPolicyProblem(account.username, account.password)
  if (problem) throw new AccountError(400, 'PASSWORD_POLICY', problem, 'password')
  const passwordHash = await hashPassword(account.password)
  return db.$transaction(async (tx) => {
    await checkDepartment(tx, account.role, account.departmentId)
    if (await tx.user.findUnique({ where: { username: account.username }, select: { id: true } })) {
      throw new AccountError(409, 'USERNAME_TAKEN', '该用户名已被使用', 'username')
    }
    const { username, displayName, role, departmentId, mustChangePassword } = account
    const user = await tx.user.create({ data: { username, displayName, role, departmentId, mustChangePassword, passwordHash }, include: withDepartment })
    await appendAudit(tx, actor, { action: 'user.created', entityType: 'USER', entityId: user.id, after: auditedUser(user), requestId })
    return toUserView(user)
  })
}

export async function createUser(db: Db, actor: AuditActor, input: UserCreateInput, requestId?: string): Promise<TemporaryPasswordView> {
  const password = temporaryPassword()
  const user = await createAccount(db, actor, { ...input, password, mustChangePassword: true }, requestId)
  return { user, temporaryPassword: password }
}

/** Role, department, name and disabled state; refused when no enabled administrator would remain. */
export async function updateUser(db: Db, actor: AuditActor, id: number, input: UserUpdateInput, requestId?: string): Promise<UserView> {
  return db.$transaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { id } })
    if (!before) throw new AccountError(404, 'USER_NOT_FOUND', '用户不存在')
    const role = input.role ?? before.role
    const departmentId = input.departmentId === undefined ? before.departmentId : input.departmentId
    const disabled = input.disabled ?? before.disabled
    await checkDepartment(tx, role, departmentId)
    if (before.role === 'ADMIN' && !before.disabled && (role !== 'ADMIN' || disabled)) {
      const otherAdmins = await tx.user.count({ where: { role: 'ADMIN', disabled: false, id: { not: id } } })
      if (!otherAdmins) throw new AccountError(409, 'LAST_ADMIN', '至少需要保留一名启用的系统管理员')
    }
    const after = await tx.user.update({ where: { id }, data: { ...input }, include: withDepartment })
    if (disabled && !before.disabled) await endUserSessions(tx, id)
    await appendAudit(tx, actor, { action: 'user.updated', entityType: 'USER', entityId: id, before: auditedUser(before), after: auditedUser(after), requestId })
    return toUserView(after)
  })
}

/**
 * A new one-time password: it ends the user's sessions (passwordChangedAt) and must be changed
 * at the next login.
 */
export async function resetPassword(db: Db, actor: AuditActor, id: number, requestId?: string): Promise<TemporaryPasswordView> {
  const password = temporaryPassword()
  const passwordHash = await hashPassword(password)
  const user = await db.$transaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { id } })
    if (!before) throw new AccountError(404, 'USER_NOT_FOUND', '用户不存在')
    const after = await tx.user.update({
      where: { id },
      data: { passwordHash, passwordChangedAt: new Date(), mustChangePassword: true },
      include: withDepartment,
    })
    await appendAudit(tx, actor, {
      action: 'user.password_reset', entityType: 'USER', entityId: id,
      before: auditedUser(before), after: auditedUser(after), requestId,
    })
    return after
  })
  return { user: toUserView(user), temporaryPassword: password }
}
