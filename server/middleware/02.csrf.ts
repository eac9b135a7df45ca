// Cross-site request forgery: a mutating API request is served only when the browser shows it
// comes from a page of this portal (a request that shows nothing is refused too). The session
// cookie is SameSite=Strict as well; this check also holds where a browser ignores SameSite,
// and for login, which has no session yet.
import { ONE_CLICK_UNSUBSCRIBE_PATH } from '../../shared/follow'

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

export default defineEventHandler((event) => {
  if (!MUTATING.has(event.method) || !event.path.startsWith('/api/')) return
  // A mail client's one-click unsubscribe (RFC 8058) comes from elsewhere, with no session and no
  // origin: the signed token in its address authorises it, and lets no one do more than the
  // holder of the mail could.
  if (event.path.split('?', 1)[0] === ONE_CLICK_UNSUBSCRIBE_PATH) return
  if (!isSameOrigin(event)) throw apiError(403, 'CSRF', '请求来源不是本站页面，已拒绝')
})
