// Limits every API request meets before its handler: a declared body over the limit is refused
// with 413 (uploads have their own, larger limit), and an address whose path or query has
// broken percent-encoding or forbidden characters with 400, whatever the route reads.
const UPLOAD_ROUTES = new Set(['/api/import/power-items'])

export default defineEventHandler((event) => {
  if (!event.path.startsWith('/api/')) return
  const [pathname = '', search = ''] = event.path.split('?', 2)
  if (!UPLOAD_ROUTES.has(pathname) && Number(getRequestHeader(event, 'content-length')) > MAX_JSON_BYTES) {
    event.node.req.resume()
    throw bodyTooLarge()
  }
  for (const segment of pathname.split('/')) decodeUrlPart(segment, 'path')
  for (const pair of search.split('&')) {
    for (const part of pair.split('=')) decodeUrlPart(part.replace(/\+/g, ' '), 'query')
  }
})
