// The session cookie (nuxt-auth-utils) and the signed-in actor behind it. The cookie is sealed;
// the user is reloaded from the database on every request, so a disabled user, or one whose
// password changed since the session was issued, loses access at once.
import type { H3Event } from 'h3'
import { getCookie, getRequestHeader } from 'h3'
import { SESSION_COOKIE } from '../../shared/auth'
import { loadActor } from '../services/auth/accounts'
import { openSession } from '../services/auth/sessions'
import type { LoginResult, RequestInfo } from '../services/auth/login'
import { tooManyAttemptsMessage } from '../services/auth/throttle'
import type { Actor } from '../services/auth/policy'
import { appConfig } from '../utils/config'
import { apiError, clientAddress, servedOverHttps } from '../utils/http'
import { useDb } from '../utils/prisma'

declare module '#auth-utils' {
  interface User {
    id: number
  }
  interface UserSession {
    /** the UserSession row that logout ends (server/services/auth/sessions.ts) */
    sid?: string
    passwordChangedAt?: number
  }
}

/**
 * The cookie attributes that depend on the request: Secure whenever the browser reached us over
 * HTTPS (servedOverHttps). A Secure cookie set over plain HTTP would never come back, so h3's
 * default (always Secure) would break a plain-HTTP demo. The rest (HttpOnly, SameSite=Strict,
 * 8 hours) is in nuxt.config.ts.
 */
function cookieConfig(event: H3Event) {
  return { cookie: { secure: servedOverHttps(event) } }
}

/** The id server/middleware/01.request-id.ts gave the request, for the audit log. */
export function requestIdOf(event: H3Event): string | undefined {
  return event.context.requestId as string | undefined
}

/** The client address and request id, for the login limits and the audit log. */
export function requestInfo(event: H3Event): RequestInfo {
  return {
    address: clientAddress(getRequestHeader(event, 'x-forwarded-for'), event.node.req.socket.remoteAddress, appConfig().trustProxy),
    requestId: requestIdOf(event),
  }
}

/** A new session (new id, so a session planted before login is worthless) for this user. */
export async function startSession(event: H3Event, user: { id: number; passwordChangedAt: Date }): Promise<void> {
  const sid = await openSession((await useDb()).prisma, user.id, useRuntimeConfig(event).session.maxAge ?? 8 * 60 * 60)
  await replaceUserSession(event, { user: { id: user.id }, sid, passwordChangedAt: user.passwordChangedAt.getTime() }, cookieConfig(event))
  event.context.actor = undefined
}

/** The id of the request's session, for logout to end it. */
export async function sessionId(event: H3Event): Promise<string | null> {
  const { sid } = await getUserSession(event)
  return typeof sid === 'string' ? sid : null
}

export async function endSession(event: H3Event): Promise<void> {
  await clearUserSession(event, cookieConfig(event))
  event.context.actor = null
}

/** The signed-in actor, or null. Loaded once per request. */
export async function getActor(event: H3Event): Promise<Actor | null> {
  if (event.context.actor !== undefined) return event.context.actor as Actor | null
  event.context.actor = await readActor(event)
  return event.context.actor as Actor | null
}

async function readActor(event: H3Event): Promise<Actor | null> {
  // Without a cookie there is no session to read; reading would plant an empty one.
  if (!getCookie(event, SESSION_COOKIE)) return null
  const session = await getUserSession(event)
  const userId = session.user?.id
  const { passwordChangedAt, sid } = session
  const actor = typeof userId === 'number' && typeof passwordChangedAt === 'number' && typeof sid === 'string'
    ? await loadActor((await useDb()).prisma, userId, passwordChangedAt, sid)
    : null
  if (!actor) await clearUserSession(event, cookieConfig(event))
  return actor
}

/** The HTTP answer to a refused login (the Retry-After of a 429 comes from its retryAt, server/plugins/error-answers.ts). */
export function loginRefusal(result: Exclude<LoginResult, { ok: true }>) {
  if (result.error === 'INVALID_CREDENTIALS') return apiError(401, 'INVALID_CREDENTIALS', '用户名或密码不正确')
  return apiError(429, 'TOO_MANY_ATTEMPTS', tooManyAttemptsMessage(result.retryAt), undefined, { retryAt: result.retryAt.toISOString() })
}
