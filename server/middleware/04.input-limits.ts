// Limits every API request meets before its handler: a declared body over 1 MB is refused with
// 413, and an address whose path or query has broken percent-encoding or forbidden characters
// with 400, whatever the route reads. A multipart/form-data body is an upload: its limit is the
// one the route that reads it declares (readUploadedFile(event, field, maxBytes), server/utils/
// upload.ts), so every upload route gets its own, and a route that reads no upload never holds
// more than 1 MB of a body either (validBody refuses more while reading).
export default defineEventHandler((event) => {
  if (!event.path.startsWith('/api/')) return
  const [pathname = '', search = ''] = event.path.split('?', 2)
  const upload = /^multipart\/form-data;/i.test(getRequestHeader(event, 'content-type') ?? '')
  if (!upload && Number(getRequestHeader(event, 'content-length')) > MAX_JSON_BYTES) {
    event.node.req.resume()
    throw bodyTooLarge()
  }
  for (const segment of pathname.split('/')) decodeUrlPart(segment, 'path')
  for (const pair of search.split('&')) {
    for (const part of pair.split('=')) decodeUrlPart(part.replace(/\+/g, ' '), 'query')
  }
})
