// Cross-site request forgery: a mutating API request is served only when the browser shows it
// comes from a page of this portal (a request that shows nothing is refused too). The session
// cookie is SameSite=Strict as well; this check also holds where a browser ignores SameSite,
// and for login, which has no session yet.
const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

export default defineEventHandler((event) => {
  if (!MUTATING.has(event.method) || !event.path.startsWith('/api/')) return
  if (!isSameOrigin(event)) throw apiError(403, 'CSRF', '请求来源不是本站页面，已拒绝')
})
