// Headers every answer carries. The Content-Security-Policy of HTML pages is completed in
// server/plugins/content-security-policy.ts, which knows the page's inline scripts.
export default defineEventHandler((event) => {
  setResponseHeaders(event, {
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=()',
    'Cross-Origin-Opener-Policy': 'same-origin',
  })
  // An API answer is data, never a document: nothing in it may run or be framed, even if a
  // browser is made to render it.
  if (event.path.startsWith('/api/')) setResponseHeader(event, 'Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'")
  if (servedOverHttps(event)) {
    setResponseHeader(event, 'Strict-Transport-Security', 'max-age=31536000; includeSubDomains')
  }
})
