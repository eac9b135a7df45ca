// The one place where the back office decides who may do what (docs/SECURITY.md, "Who may do what").
// Pure functions over the signed-in actor: no database, no HTTP. server/guards/context.ts
// (requireContext) applies them to every non-public request; pages may use them to hide what
// the server would refuse, but the server's answer is the one that counts.
import type { RoleName } from '../../../shared/auth'

export const PERMISSIONS = [
  /** see one's own account (/api/auth/me) */
  'account:read',
  /** change one's own password */
  'account:password',
  /** read change requests (drafts, submitted, returned) */
  'draft:read',
  /** create and edit drafts */
  'draft:write',
  /** submit a draft for review, withdraw it */
  'draft:submit',
  /** import a spreadsheet as drafts */
  'draft:import',
  /** read the version history of records, including who changed them */
  'history:read',
  /** approve or return a submitted change, with the decision */
  'review:decide',
  /** publish a list version and its announcement */
  'version:publish',
  /** keep the search synonyms and colloquial names */
  'synonym:write',
  /** see what citizens search for; choose 大家都在搜; keep the table of needs handled elsewhere */
  'search:curate',
  /** curate the life events (一件事) */
  'lifeEvent:write',
  /** keep a department's service halls (服务窗口) */
  'hall:write',
  /** read the 督查 findings on the lists' quality and waiting changes */
  'oversight:read',
  /** keep the working-day calendar (holidays, adjusted working days) */
  'calendar:write',
  /** set the 考核 weights and take a period's scorecard */
  'scorecard:write',
  /** read the reform tasks (目标责任): a department those it leads or cooperates on */
  'reform:read',
  /** record and edit reform tasks */
  'reform:write',
  /** report progress on a reform task the department leads */
  'reform:report',
  /** read the audit log */
  'audit:read',
  /** verify the audit log's hash chain */
  'audit:verify',
  /** export what the back office shows */
  'data:export',
  /** create and edit departments (never delete them) */
  'department:manage',
  /** create users, set their role, department and disabled state, reset their password */
  'user:manage',
  /** see the subscription mails: the outbox, and the mails kept instead of sent when no SMTP is set (the demo) */
  'mail:read',
] as const
export type Permission = (typeof PERMISSIONS)[number]

/** `all`: in every department; `own`: only where the record belongs to the actor's department. */
export type Grant = 'all' | 'own'

/** The signed-in user as the guard sees them, reloaded from the database on every request. */
export interface Actor {
  id: number
  username: string
  displayName: string
  role: RoleName
  departmentId: number | null
  /** set by an administrator's password reset: only the own account is reachable until changed */
  mustChangePassword: boolean
}

/** What a request touches, when it belongs to a department (an item, a draft, a fund). */
export interface Scope {
  departmentId?: number | null
}

export type Verdict =
  | { ok: true }
  | { ok: false; status: 401 | 403; error: 'UNAUTHENTICATED' | 'FORBIDDEN' | 'PASSWORD_CHANGE_REQUIRED'; message: string }

const OWN_ACCOUNT: Record<'account:read' | 'account:password', Grant> = { 'account:read': 'all', 'account:password': 'all' }

/** The permission table of docs/SECURITY.md. A permission missing from a role's row is refused. */
export const GRANTS: Record<RoleName, Partial<Record<Permission, Grant>>> = {
  EDITOR: {
    ...OWN_ACCOUNT,
    'draft:read': 'own',
    'draft:write': 'own',
    'draft:submit': 'own',
    'draft:import': 'own',
    'history:read': 'own',
    'hall:write': 'own',
    'oversight:read': 'own',
    'reform:read': 'own',
    'reform:report': 'own',
  },
  REFORM_OFFICE: {
    ...OWN_ACCOUNT,
    'draft:read': 'all',
    'history:read': 'all',
    'review:decide': 'all',
    'version:publish': 'all',
    'synonym:write': 'all',
    'search:curate': 'all',
    'lifeEvent:write': 'all',
    'oversight:read': 'all',
    'calendar:write': 'all',
    'scorecard:write': 'all',
    'reform:read': 'all',
    'reform:write': 'all',
  },
  AUDITOR: {
    ...OWN_ACCOUNT,
    'draft:read': 'all',
    'history:read': 'all',
    'oversight:read': 'all',
    'reform:read': 'all',
    'audit:read': 'all',
    'audit:verify': 'all',
    'data:export': 'all',
  },
  ADMIN: {
    ...OWN_ACCOUNT,
    'department:manage': 'all',
    'user:manage': 'all',
    'mail:read': 'all',
    'synonym:write': 'all',
    'search:curate': 'all',
    'hall:write': 'all',
  },
}

const forbidden: Verdict = { ok: false, status: 403, error: 'FORBIDDEN', message: '您没有执行此操作的权限' }

/**
 * May `actor` use `permission` (on a record of `scope.departmentId`)?
 *
 * For a permission an actor holds only for their own department, a scope naming another
 * department (or none: `departmentId: null`) is refused. Without a scope the answer is "allowed
 * somewhere", for handlers that list records: they must then restrict the list to
 * `departmentScope(actor, permission)`.
 */
export function authorize(actor: Actor | null, permission: Permission, scope?: Scope): Verdict {
  if (!actor) return { ok: false, status: 401, error: 'UNAUTHENTICATED', message: '请先登录' }
  if (actor.mustChangePassword && !(permission in OWN_ACCOUNT)) {
    return { ok: false, status: 403, error: 'PASSWORD_CHANGE_REQUIRED', message: '请先修改管理员为您设置的临时密码' }
  }
  const grant = GRANTS[actor.role][permission]
  if (!grant) return forbidden
  if (grant === 'own') {
    // An editor without a department owns nothing; an unset department must not mean "all".
    if (actor.departmentId === null) return forbidden
    if (scope && scope.departmentId !== undefined && scope.departmentId !== actor.departmentId) return forbidden
  }
  return { ok: true }
}

/**
 * The department a list served under `permission` must be restricted to: the actor's own for an
 * `own` grant, null for no restriction. Call it only after `authorize` allowed the permission.
 */
export function departmentScope(actor: Actor, permission: Permission): number | null {
  const grant = GRANTS[actor.role][permission]
  if (!grant) throw new Error(`${actor.role} does not hold ${permission}: authorize before asking for its scope`)
  if (grant === 'all') return null
  if (actor.departmentId === null) throw new Error(`${actor.username} holds ${permission} for their own department but has none`)
  return actor.departmentId
}

/** The permissions a role holds, for pages that offer only what the server would allow. */
export function permissionsOf(role: RoleName): Permission[] {
  return PERMISSIONS.filter((p) => GRANTS[role][p])
}
