// Search latency through the portal's API against Meilisearch queried directly, on the same
// queries, sequentially and with concurrent clients. Used by `npm run bench`.
import { Meilisearch } from 'meilisearch'

export interface LatencyFigures { requests: number; concurrency: number; p50: number; p95: number; p99: number; perSecond: number }

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
}

export async function measure(run: (i: number) => Promise<void>, requests: number, concurrency: number): Promise<LatencyFigures> {
  const times: number[] = []
  let next = 0
  const started = performance.now()
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < requests) {
      const i = next++
      const t = performance.now()
      await run(i)
      times.push(performance.now() - t)
    }
  }))
  const elapsed = (performance.now() - started) / 1000
  times.sort((a, b) => a - b)
  const round = (n: number) => Math.round(n * 100) / 100
  return { requests, concurrency, p50: round(percentile(times, 50)), p95: round(percentile(times, 95)), p99: round(percentile(times, 99)), perSecond: Math.round(requests / elapsed) }
}

export const QUERIES = ['护照', '办护照', '身份证丢了', '养狗', '低保', '开小吃店', '接自来水', '开网吧', '环评', 'huzhao', 'dibao', '营业执照', '社保卡', '许可', '食品经营', '建设工程', '道路运输', '医疗保险', '教师资格', '残疾证']

export async function portalSearch(baseUrl: string, q: string, filter = ''): Promise<void> {
  const res = await fetch(`${baseUrl}/api/search?q=${encodeURIComponent(q)}${filter}`)
  if (!res.ok) throw new Error(`portal search ${res.status}`)
  await res.arrayBuffer()
}

export function directSearch(meili: Meilisearch, index: string) {
  return async (q: string) => { await meili.index(index).search(q, { hitsPerPage: 20, page: 1, facets: ['list', 'type', 'departmentId', 'status', 'year'], matchingStrategy: 'frequency' }) }
}
