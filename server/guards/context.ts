// What every handler calls first: who may call it, then the database and the request's id.
//
//   const { db, actor, requestId } = await requireContext(event, 'synonym:write')
//   const { db, actor, requestId, id } = await requireRecordContext(event, 'draft:submit', 'CHANGE_REQUEST')
//   const { db } = await publicContext(event)
//
// The permission is decided by the policy (server/services/auth/policy.ts) for the signed-in
// actor (./session.ts); for a route about one record (`:id`), for the department that record
// belongs to. Refusals are 401 UNAUTHENTICATED, 403 FORBIDDEN or 403 PASSWORD_CHANGE_REQUIRED,
// a record that does not exist 404, with `data.error` as everywhere else.
//
// The guards sit between server/api and server/services: they read the event and call services,
// which server/utils (shared handles only) may not. See docs/ARCHITECTURE.md, "Layers".
import type { H3Event } from 'h3'
import { idParamSchema } from '../../shared/workspace'
import { authorize, departmentScope, type Actor, type Permission, type Scope } from '../services/auth/policy'
import { recordScope, type ScopedRecord } from '../services/auth/record-scope'
import { apiError, validParam } from '../utils/http'
import { useDb, type Db } from '../utils/prisma'
import { getActor, requestIdOf } from './session'

export type { Actor, Permission, Scope, ScopedRecord }
export { departmentScope }

export interface PublicContext {
  db: Db
  /** in every audit entry the request writes (server/middleware/01.request-id.ts) */
  requestId: string | undefined
}

export interface RequestContext extends PublicContext {
  actor: Actor
}

/** For the public routes, which anyone may call: the same handles, without an actor. */
export async function publicContext(event: H3Event): Promise<PublicContext> {
  return { db: (await useDb()).prisma, requestId: requestIdOf(event) }
}

/**
 * The actor if they hold `permission` (for `scope`), else 401 or 403. Without a scope the answer
 * is "allowed somewhere": a handler that lists records then restricts them to
 * `departmentScope(actor, permission)`.
 */
export async function requireContext(event: H3Event, permission: Permission, scope?: Scope): Promise<RequestContext> {
  const actor = await getActor(event)
  requireScope(actor, permission, scope)
  return { ...(await publicContext(event)), actor }
}

/** The same for a route about record `:id`: the actor must hold `permission` for the record's department. */
export async function requireRecordContext(event: H3Event, permission: Permission, record: ScopedRecord): Promise<RequestContext & { id: number }> {
  const context = await requireContext(event, permission)
  const id = validParam(event, 'id', idParamSchema)
  requireScope(context.actor, permission, await recordScope(context.db, record, id))
  return { ...context, id }
}

/** The same decision for an actor already known: a second permission, or a department read from the body or query. */
/** The permission checked for the department of every record a body names (a batch): 404 for one that does not exist. */
export async function requireRecordsScope(db: Db, actor: Actor, permission: Permission, record: ScopedRecord, ids: number[]): Promise<void> {
  for (const id of new Set(ids)) requireScope(actor, permission, await recordScope(db, record, id))
}

export function requireScope(actor: Actor | null, permission: Permission, scope?: Scope): asserts actor is Actor {
  const verdict = authorize(actor, permission, scope)
  if (!verdict.ok) throw apiError(verdict.status, verdict.error, verdict.message)
}
