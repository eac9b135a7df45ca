// HTTP load with autocannon: a fixed number of connections for a fixed time, each request the
// next of a shared sequence (so 50 connections do not all send the same query at once).
// Latencies are taken from every response, so p95 is exact rather than autocannon's p97.5.
import http from 'node:http'
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
  return figures(times, { connections, seconds, errors: bad + result.errors + result.timeouts, hits, told, bytes })
}

/** The figures of a run from each answer's latency and the counts kept beside them. */
function figures(times: number[], run: { connections: number; seconds: number; errors: number; hits: number; told: number; bytes: number }): LoadFigures {
  const sorted = [...times].sort((a, b) => a - b)
  const round = (n: number) => Math.round(n * 10) / 10
  return {
    connections: run.connections,
    seconds: run.seconds,
    requests: sorted.length,
    perSecond: Math.round(sorted.length / run.seconds),
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    errors: run.errors,
    hitRate: run.told ? run.hits / run.told : undefined,
    meanBytes: sorted.length ? Math.round(run.bytes / sorted.length) : 0,
  }
}

interface Target { baseUrl: string; requests: LoadRequest[] }

/**
 * Two targets asked in turn by one client, the i-th request of each back to back (the first of
 * the two alternating): the one that ran second no longer gets a machine that has warmed up or
 * calmed down meanwhile, which on this machine moved a run's p50 by a quarter. One kept-alive
 * connection per target; latency from the request's start to its answer's last byte.
 */
export async function alternate(a: Target, b: Target, seconds: number): Promise<[LoadFigures, LoadFigures]> {
  const sides = [a, b].map((t) => ({ ...t, agent: new http.Agent({ keepAlive: true, maxSockets: 1 }), times: [] as number[], bad: 0, hits: 0, told: 0, bytes: 0 }))
  const ask = (side: (typeof sides)[number], r: LoadRequest) => new Promise<void>((resolve, reject) => {
    const started = performance.now()
    const request = http.request(new URL(r.path, side.baseUrl), { method: r.method ?? 'GET', agent: side.agent, headers: { ...r.headers, ...(r.body ? { 'content-length': String(Buffer.byteLength(r.body)) } : {}) } }, (response) => {
      let size = 0
      response.on('data', (chunk: Buffer) => { size += chunk.length })
      response.on('end', () => {
        side.times.push(performance.now() - started)
        side.bytes += size
        const status = response.statusCode ?? 0
        if (status < 200 || status >= 300) side.bad++
        const cache = response.headers['x-cache']
        if (cache !== undefined) { side.told++; if (cache === 'HIT') side.hits++ }
        resolve()
      })
      response.on('error', reject)
    })
    request.on('error', reject)
    request.end(r.body)
  })
  const until = performance.now() + seconds * 1000
  for (let i = 0; performance.now() < until; i++) {
    const pair = i % 2 ? [sides[1]!, sides[0]!] : [sides[0]!, sides[1]!]
    for (const side of pair) await ask(side, side.requests[i % side.requests.length]!)
  }
  for (const side of sides) side.agent.destroy()
  return sides.map((side) => figures(side.times, { connections: 1, seconds, errors: side.bad, hits: side.hits, told: side.told, bytes: side.bytes })) as [LoadFigures, LoadFigures]
}
