// HTTP load with autocannon: a fixed number of connections for a fixed time, each request the
// next of a shared sequence (so 50 connections do not all send the same query at once).
// Latencies are taken from every response, so p95 is exact rather than autocannon's p97.5.
import autocannon from 'autocannon'

export interface LoadRequest { method?: 'GET' | 'POST'; path: string; body?: string; headers?: Record<string, string> }

export interface LoadFigures {
  connections: number
  seconds: number
  requests: number
  perSecond: number
  p50: number
  p95: number
  p99: number
  /** answers other than 2xx, and socket errors or timeouts */
  errors: number
  /** share of answers the portal served from its public cache (X-Cache: HIT), if it says */
  hitRate?: number
  /** mean size of an answer's body as sent */
  meanBytes: number
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
}

export async function load(baseUrl: string, requests: LoadRequest[], connections: number, seconds: number): Promise<LoadFigures> {
  let next = 0
  const times: number[] = []
  let bad = 0
  let hits = 0
  let told = 0
  let bytes = 0
  let finish!: (result: autocannon.Result) => void
  let fail!: (error: Error) => void
  const done = new Promise<autocannon.Result>((resolve, reject) => { finish = resolve; fail = reject })
  const instance = autocannon({
    url: baseUrl,
    connections,
    duration: seconds,
    timeout: 30,
    requests: [{
      setupRequest: (req) => {
        const r = requests[next++ % requests.length]!
        return { ...req, method: r.method ?? 'GET', path: r.path, body: r.body, headers: { ...req.headers, ...r.headers } }
      },
      onResponse: (_status, _body, _context, headers) => {
        const cache = Object.entries(headers ?? {}).find(([name]) => name.toLowerCase() === 'x-cache')?.[1]
        if (cache === undefined) return
        told++
        if (cache === 'HIT') hits++
      },
    }],
  }, (error, result) => (error ? fail(error) : finish(result)))
  instance.on('response', (_client, statusCode, resBytes, responseTime) => {
    times.push(responseTime)
    bytes += resBytes
    if (statusCode < 200 || statusCode >= 300) bad++
  })
  const result = await done
  times.sort((a, b) => a - b)
  const round = (n: number) => Math.round(n * 10) / 10
  return {
    connections,
    seconds,
    requests: times.length,
    perSecond: Math.round(times.length / seconds),
    p50: round(percentile(times, 50)),
    p95: round(percentile(times, 95)),
    p99: round(percentile(times, 99)),
    errors: bad + result.errors + result.timeouts,
    hitRate: told ? hits / told : undefined,
    meanBytes: times.length ? Math.round(bytes / times.length) : 0,
  }
}
