// What every answer the server makes goes through before it is sent: a public answer is kept
// for the next visitors (server/utils/public-cache.ts), then any text answer goes out compressed
// when the client asks for it (server/utils/compression.ts), whoever is in front of the portal.
import type { H3Event } from 'h3'
import { getResponseStatus } from 'h3'
import { answerBytes, compressedAnswer } from '../utils/answers'
import { keepable, keptHeaders, usePublicCache } from '../utils/public-cache'

export default defineNitroPlugin((nitro) => {
  const cache = usePublicCache()
  nitro.hooks.hook('beforeResponse', async (event: H3Event, response: { body?: unknown }) => {
    const bytes = answerBytes(event, response.body)
    const pending = event.context.publicCache
    const terms = event.context.answerTerms
    if (bytes && pending && getResponseStatus(event) === 200 && keepable(terms)) {
      const headers = keptHeaders(event)
      if (headers) cache.keep(pending.key, pending.generation, { status: 200, headers, body: bytes, replays: terms?.replays, maxAgeMs: terms?.maxAgeMs })
    }
    pending?.done?.()
    // Nuxt renders an error page through an internal request whose answer its error handler
    // copies, headers and all, into the answer it sends as text: compressed here, the page would
    // go out as bytes that claim an encoding they no longer have.
    if (!bytes || event.path.startsWith('/__nuxt_error')) return
    // The answer just kept is compressed for this reader alone, fast; the copy kept for the next
    // visitors is made, smaller, when the first of them comes (server/utils/public-cache.ts).
    response.body = await compressedAnswer(event, bytes)
  })
  // An answer that was not sent through the hook above (a redirect) releases the requests waiting
  // for it all the same. So does an error: nitro's error handler sends its answer itself, and h3
  // calls no afterResponse after it. Unreleased, every later request for that address (an unknown
  // item, a refused query, search while Meilisearch is down) waited the middleware's 10 s first,
  // and each such address held a promise for good.
  nitro.hooks.hook('afterResponse', (event: H3Event) => { event.context.publicCache?.done?.() })
  nitro.hooks.hook('error', (_error, context) => { context.event?.context.publicCache?.done?.() })
})
