// The session cookie (nuxt-auth-utils) and the signed-in actor behind it. The cookie is sealed;
// the user is reloaded from the database on every request, so a disabled user, or one whose
// password changed since the session was issued, loses access at once.
import type { H3Event } from 'h3'
import { getCookie, getRequestIP, setResponseHeader } from 'h3'
import { SESSION_COOKIE } from '../../shared/auth'
import { CITY_TIME_ZONE } from '../../shared/city-time'
import { loadActor } from '../services/auth/accounts'
import { openSession } from '../services/auth/sessions'
import type { LoginResult, RequestInfo } from '../services/auth/login'
import type { Actor } from '../services/auth/policy'
import { loadConfig } from '../utils/config'
import { apiError, servedOverHttps } from '../utils/http'
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
    address: getRequestIP(event, { xForwardedFor: loadConfig().trustProxy }) ?? 'unknown',
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

const hhmm = new Intl.DateTimeFormat('zh-CN', { timeZone: CITY_TIME_ZONE, hour: '2-digit', minute: '2-digit', hour12: false })

/** The HTTP answer to a refused login. */
export function loginRefusal(event: H3Event, result: Exclude<LoginResult, { ok: true }>) {
  switch (result.error) {
    case 'INVALID_CREDENTIALS':
      return apiError(401, 'INVALID_CREDENTIALS', '用户名或密码不正确')
    case 'ACCOUNT_LOCKED':
      return apiError(423, 'ACCOUNT_LOCKED', `登录失败次数过多，账户已锁定，请在 ${hhmm.format(result.lockedUntil)} 之后再试`, undefined, { retryAt: result.lockedUntil.toISOString() })
    case 'TOO_MANY_ATTEMPTS':
      setResponseHeader(event, 'Retry-After', Math.max(1, Math.ceil((result.retryAt.getTime() - Date.now()) / 1000)))
      return apiError(429, 'TOO_MANY_ATTEMPTS', `此地址登录失败次数过多，请在 ${hhmm.format(result.retryAt)} 之后再试`, undefined, { retryAt: result.retryAt.toISOString() })
  }
}
