// The permission table of docs/SECURITY.md, as the guard decides it: by role and by department.
import { describe, expect, it } from 'vitest'
import { authorize, departmentScope, GRANTS, PERMISSIONS, permissionsOf, type Actor, type Permission } from '../../server/services/auth/policy'
import type { RoleName } from '../../shared/auth'

const POLICE = 7
const CIVIL = 9

const actor = (role: RoleName, departmentId: number | null = null, extra: Partial<Actor> = {}): Actor =>
  ({ id: 1, username: 'u', displayName: 'U', role, departmentId, mustChangePassword: false, ...extra })

const policeEditor = actor('EDITOR', POLICE)
const reform = actor('REFORM_OFFICE')
const auditor = actor('AUDITOR')
const admin = actor('ADMIN')

/** Every permission each role holds, written out by hand from docs/SECURITY.md's table. */
const EXPECTED: Record<RoleName, Permission[]> = {
  EDITOR: ['account:read', 'account:password', 'draft:read', 'draft:write', 'draft:submit', 'draft:import', 'history:read', 'hall:write', 'oversight:read', 'reform:read', 'reform:report'],
  REFORM_OFFICE: ['account:read', 'account:password', 'draft:read', 'history:read', 'review:decide', 'version:publish', 'synonym:write', 'search:curate', 'lifeEvent:write', 'oversight:read', 'calendar:write', 'scorecard:write', 'reform:read', 'reform:write'],
  AUDITOR: ['account:read', 'account:password', 'draft:read', 'history:read', 'oversight:read', 'reform:read', 'audit:read', 'audit:verify', 'data:export'],
  ADMIN: ['account:read', 'account:password', 'synonym:write', 'search:curate', 'department:manage', 'user:manage', 'hall:write', 'mail:read'],
}

describe('the permission table', () => {
  for (const role of Object.keys(EXPECTED) as RoleName[]) {
    it(`${role} holds exactly its permissions`, () => {
      const subject = actor(role, role === 'EDITOR' ? POLICE : null)
      const allowed = PERMISSIONS.filter((p) => authorize(subject, p).ok)
      expect(allowed.sort()).toEqual([...EXPECTED[role]].sort())
      expect(permissionsOf(role).sort()).toEqual([...EXPECTED[role]].sort())
    })
  }

  it('refuses anonymous visitors with 401 and a role without the permission with 403', () => {
    expect(authorize(null, 'account:read')).toMatchObject({ ok: false, status: 401, error: 'UNAUTHENTICATED' })
    expect(authorize(policeEditor, 'review:decide')).toMatchObject({ ok: false, status: 403, error: 'FORBIDDEN' })
    expect(authorize(reform, 'draft:write')).toMatchObject({ ok: false, status: 403 })
    expect(authorize(admin, 'draft:read')).toMatchObject({ ok: false, status: 403 })
  })

  it('lets the auditor read everything and change nothing', () => {
    for (const p of ['draft:write', 'draft:submit', 'draft:import', 'review:decide', 'version:publish', 'synonym:write', 'search:curate', 'lifeEvent:write', 'hall:write', 'department:manage', 'user:manage'] as const) {
      expect(authorize(auditor, p, { departmentId: POLICE }).ok).toBe(false)
    }
    expect(authorize(auditor, 'draft:read', { departmentId: CIVIL }).ok).toBe(true)
    expect(authorize(auditor, 'history:read', { departmentId: POLICE }).ok).toBe(true)
  })
})

describe('own department against other department', () => {
  it("lets an editor work on their own department's drafts only", () => {
    for (const p of ['draft:read', 'draft:write', 'draft:submit', 'draft:import', 'history:read', 'hall:write'] as const) {
      expect(authorize(policeEditor, p, { departmentId: POLICE }).ok).toBe(true)
      expect(authorize(policeEditor, p, { departmentId: CIVIL })).toMatchObject({ ok: false, status: 403, error: 'FORBIDDEN' })
      expect(authorize(policeEditor, p, { departmentId: null }).ok).toBe(false)
    }
  })

  it('refuses an editor who has no department, whatever the scope', () => {
    const orphan = actor('EDITOR', null)
    expect(authorize(orphan, 'draft:write').ok).toBe(false)
    expect(authorize(orphan, 'draft:write', { departmentId: null }).ok).toBe(false)
    expect(authorize(orphan, 'account:read').ok).toBe(true)
  })

  it('gives the reform office and the auditor every department', () => {
    expect(authorize(reform, 'draft:read', { departmentId: CIVIL }).ok).toBe(true)
    expect(authorize(reform, 'review:decide', { departmentId: POLICE }).ok).toBe(true)
    expect(departmentScope(reform, 'draft:read')).toBeNull()
    expect(departmentScope(auditor, 'history:read')).toBeNull()
  })

  it("restricts an editor's lists to their own department", () => {
    expect(departmentScope(policeEditor, 'draft:read')).toBe(POLICE)
    expect(() => departmentScope(policeEditor, 'review:decide')).toThrow()
  })
})

describe('a temporary password', () => {
  it('allows only the own account until it is changed', () => {
    const temp = actor('ADMIN', null, { mustChangePassword: true })
    expect(authorize(temp, 'account:read').ok).toBe(true)
    expect(authorize(temp, 'account:password').ok).toBe(true)
    expect(authorize(temp, 'user:manage')).toMatchObject({ ok: false, status: 403, error: 'PASSWORD_CHANGE_REQUIRED' })
  })
})

it('names only known permissions in the table', () => {
  for (const grants of Object.values(GRANTS)) for (const p of Object.keys(grants)) expect(PERMISSIONS).toContain(p)
})
