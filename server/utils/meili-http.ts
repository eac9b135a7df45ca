// The HTTP client the Meilisearch client sends its requests with: node:http over kept-alive
// connections instead of fetch. Every search crosses it, and fetch's streams and Headers cost
// more than the rest of what the portal does for a search (docs/SEARCH.md, "What the portal adds").
// It answers as meilisearch-js expects of an `httpClient`: the parsed body; a MeilisearchApiError
// for an error answer, the signal's reason when the request is aborted (its timeout), each of
// which meilisearch-js hands on as the cause of a MeilisearchRequestError.
import http from 'node:http'
import https from 'node:https'
import { MeilisearchApiError } from 'meilisearch'

const agents = { 'http:': new http.Agent({ keepAlive: true }), 'https:': new https.Agent({ keepAlive: true }) }

function headersOf(init: RequestInit): Record<string, string> {
  const headers: Record<string, string> = {}
  // meilisearch-js gives a Headers; copying it into a new one costs more than the rest of this.
  const given = init.headers instanceof Headers ? init.headers : new Headers(init.headers)
  given.forEach((value, name) => { headers[name] = value })
  return headers
}

export function nodeHttpClient(input: string | URL | Request, init: RequestInit = {}): Promise<unknown> {
  const url = input instanceof URL ? input : new URL(input instanceof Request ? input.url : input)
  const signal = init.signal
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason)
    const protocol = url.protocol === 'https:' ? 'https:' : 'http:'
    const body = typeof init.body === 'string' ? Buffer.from(init.body) : undefined
    // With its length given, the body goes out in one piece instead of chunked.
    const headers = body ? { ...headersOf(init), 'content-length': String(body.length) } : headersOf(init)
    const request = (protocol === 'https:' ? https : http).request(url, { method: init.method ?? 'GET', headers, agent: agents[protocol] }, (response) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('error', fail)
      response.on('end', () => {
        signal?.removeEventListener('abort', abort)
        try {
          const text = Buffer.concat(chunks).toString('utf8')
          const body: unknown = text === '' ? undefined : JSON.parse(text)
          const status = response.statusCode ?? 0
          if (status >= 200 && status < 300) resolve(body)
          else reject(new MeilisearchApiError(new Response(null, { status, statusText: response.statusMessage ?? '' }), body as never))
        } catch (error) {
          reject(error)
        }
      })
    })
    function fail(error: unknown) {
      signal?.removeEventListener('abort', abort)
      reject(error)
    }
    function abort() {
      request.destroy()
      reject(signal!.reason)
    }
    signal?.addEventListener('abort', abort, { once: true })
    request.on('error', fail)
    request.end(body)
  })
}
