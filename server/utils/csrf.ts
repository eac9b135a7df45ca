// Whether a request comes from a page of this portal (the CSRF check of server/middleware).
import type { H3Event } from 'h3'
import { getRequestHeader, getRequestHost } from 'h3'

/** Same origin by Sec-Fetch-Site where the browser sends it, else by Origin, else by Referer. */
export function isSameOrigin(event: H3Event): boolean {
  const site = getRequestHeader(event, 'sec-fetch-site')
  if (site) return site === 'same-origin'
  const source = getRequestHeader(event, 'origin') ?? getRequestHeader(event, 'referer')
  if (!source) return false
  let sourceHost: string
  try {
    sourceHost = new URL(source).host
  } catch {
    return false
  }
  // A page cannot set X-Forwarded-Host on a cross-origin request without a CORS preflight,
  // which this portal never grants, so a proxy's value can be trusted here.
  return sourceHost === getRequestHost(event, { xForwardedHost: true })
}
