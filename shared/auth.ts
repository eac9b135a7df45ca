// The accounts contract shared by the back-office pages and the server: what a login, a password
// change and the administration of users and departments send, and what /api/auth/me answers.
import { z } from 'zod'
import { recordId } from './query'

export const ROLES = ['EDITOR', 'REFORM_OFFICE', 'AUDITOR', 'ADMIN'] as const
export type RoleName = (typeof ROLES)[number]

export const ADMIN_LEVELS = ['PROVINCE', 'CITY', 'COUNTY', 'TOWNSHIP', 'VILLAGE'] as const

export const PASSWORD_MIN_LENGTH = 10

/** The name of the session cookie (HttpOnly, SameSite=Strict, 8 hours: nuxt.config.ts). */
export const SESSION_COOKIE = 'sanzhang_session'

const id = recordId

export const usernameSchema = z.string().trim()
  .min(2, '用户名至少2个字符')
  .max(64, '用户名不能超过64个字符')
  .regex(/^[A-Za-z0-9._-]+$/, '用户名只能包含字母、数字、点、下划线和连字符')

export const newPasswordSchema = z.string()
  .min(PASSWORD_MIN_LENGTH, `密码至少${PASSWORD_MIN_LENGTH}个字符`)
  .max(256, '密码不能超过256个字符')

/**
 * The whole password policy, for checks that know the username (the server, admin:create).
 * Returns the reason the password is refused, or null when it is acceptable.
 */
export function passwordPolicyProblem(username: string, password: string): string | null {
  const parsed = newPasswordSchema.safeParse(password)
  if (!parsed.success) return parsed.error.issues[0]!.message
  if (password.trim().toLowerCase() === username.trim().toLowerCase()) return '密码不能与用户名相同'
  return null
}

/** Login is not checked against the policy: a wrong password gets the same answer whatever its length. */
export const loginSchema = z.object({
  username: z.string().trim().min(1, '请输入用户名').max(64, '用户名不能超过64个字符'),
  password: z.string().min(1, '请输入密码').max(256, '密码不能超过256个字符'),
}).strict()
export type LoginInput = z.output<typeof loginSchema>

export const passwordChangeSchema = z.object({
  currentPassword: z.string().min(1, '请输入当前密码').max(256),
  newPassword: newPasswordSchema,
  confirmPassword: z.string(),
}).strict()
  .refine((v) => v.newPassword === v.confirmPassword, { path: ['confirmPassword'], message: '两次输入的新密码不一致' })
  .refine((v) => v.newPassword !== v.currentPassword, { path: ['newPassword'], message: '新密码不能与当前密码相同' })
export type PasswordChangeInput = z.output<typeof passwordChangeSchema>

/** Who is signed in, as /api/auth/me and the login answer tell the pages. */
export interface SessionUser {
  id: number
  username: string
  displayName: string
  role: RoleName
  departmentId: number | null
  departmentName: string | null
  /** a temporary password set by an administrator: nothing else is allowed until it is changed */
  mustChangePassword: boolean
  /** what the role may do (the names of server/services/auth/policy.ts), for showing only what is allowed */
  permissions: string[]
}

export const userIdParamSchema = id

// The fields an administrator sets when creating a record and may change later, checked alike.
const userFields = {
  displayName: z.string().trim().min(1, '请输入姓名').max(64, '姓名不能超过64个字符'),
  role: z.enum(ROLES, '请选择角色'),
  departmentId: id.nullable(),
}
/** A change names at least one field. */
const someChange = (v: object) => Object.keys(v).length > 0

export const userCreateSchema = z.object({
  username: usernameSchema,
  ...userFields,
  departmentId: userFields.departmentId.default(null),
}).strict()
export type UserCreateInput = z.output<typeof userCreateSchema>

export const userUpdateSchema = z.object({ ...userFields, disabled: z.boolean() }).partial().strict().refine(someChange, '没有要修改的内容')
export type UserUpdateInput = z.output<typeof userUpdateSchema>

/** A user as the administration pages list them; never the password hash. */
export interface UserView extends Omit<SessionUser, 'permissions'> {
  disabled: boolean
  lastLoginAt: string | null
}

/** The answer to creating a user or resetting a password: shown once, stored nowhere in clear. */
export interface TemporaryPasswordView {
  user: UserView
  temporaryPassword: string
}

export const departmentIdParamSchema = id

const departmentFields = {
  name: z.string().trim().min(2, '部门名称至少2个字符').max(100, '部门名称不能超过100个字符'),
  shortName: z.string().trim().max(50, '简称不能超过50个字符').nullable(),
  level: z.enum(ADMIN_LEVELS, '请选择层级'),
  parentId: id.nullable(),
}

export const departmentCreateSchema = z.object({
  code: z.string().trim().min(1, '请输入部门编码').max(64, '部门编码不能超过64个字符').regex(/^[0-9A-Za-z-]+$/, '部门编码只能包含字母、数字和连字符'),
  ...departmentFields,
  shortName: departmentFields.shortName.default(null),
  areaCode: z.string().trim().regex(/^\d{6,12}$/, '行政区划代码为6至12位数字'),
  parentId: departmentFields.parentId.default(null),
}).strict()
export type DepartmentCreateInput = z.output<typeof departmentCreateSchema>

export const departmentUpdateSchema = z.object(departmentFields).partial().strict().refine(someChange, '没有要修改的内容')
export type DepartmentUpdateInput = z.output<typeof departmentUpdateSchema>

export interface DepartmentView {
  id: number
  code: string
  name: string
  shortName: string | null
  level: (typeof ADMIN_LEVELS)[number]
  areaCode: string
  parentId: number | null
  parentName: string | null
  users: number
}
