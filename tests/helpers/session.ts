// Talking to a built portal as a signed-in browser would: the session cookie it was given, and
// the Origin header a same-origin page sends (without it, mutating requests get 403 CSRF).
import type { Portal } from './portal'
import { SESSION_COOKIE } from '../../shared/auth'

export interface ApiOptions {
  /** the session cookie (`name=value`), or none for an anonymous visitor */
  cookie?: string | null
  body?: unknown
  headers?: Record<string, string>
}

export function api(portal: Portal, method: string, path: string, options: ApiOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { origin: portal.url, ...options.headers }
  if (options.cookie) headers.cookie = options.cookie
  if (options.body !== undefined) headers['content-type'] = 'application/json'
  return fetch(`${portal.url}${path}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    redirect: 'manual',
  })
}

/** The `name=value` part of the session cookie a response sets, if it sets one. */
export function sessionCookie(res: Response): string | null {
  const set = res.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`))
  return set ? set.split(';')[0]! : null
}

/** Signs in and returns the session cookie; fails the test when the login is refused. */
export async function signIn(portal: Portal, username: string, password: string): Promise<string> {
  const res = await api(portal, 'POST', '/api/auth/login', { body: { username, password } })
  if (res.status !== 200) throw new Error(`login of ${username} refused: ${res.status} ${await res.text()}`)
  return sessionCookie(res)!
}
