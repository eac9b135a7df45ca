// A topic's identity and addresses: its filters as query-string pairs, its feed's path, its key.
// Kept apart from the schemas in follow.ts, which need zod: the public pages show the follow
// links of every list and record, and a phone would otherwise download and run the validation
// library before the page becomes interactive. follow.ts re-exports everything here.
import type { ChangeTopic } from './follow'

/** A topic to follow: the announcements, or the changes a filter selects. */
export type Topic = { kind: 'announcements' } | { kind: 'changes'; filter: ChangeTopic }

const FILTER_KEYS = ['list', 'dept', 'type', 'kind', 'method', 'status', 'level', 'year', 'q', 'code'] as const

/** The topic's filters as query-string pairs in a fixed order: its feed's URL and its identity. */
export function topicParams(filter: ChangeTopic): [string, string][] {
  return FILTER_KEYS.flatMap((key) => {
    const value = filter[key]
    if (value === undefined) return []
    const values = (Array.isArray(value) ? [...value] : [value]).map(String).sort()
    return values.map((v) => [key, v] as [string, string])
  })
}

/** Where a topic's Atom feed is served. */
export function feedPath(topic: Topic): string {
  if (topic.kind === 'announcements') return '/api/feeds/announcements'
  const query = new URLSearchParams(topicParams(topic.filter)).toString()
  return `/api/feeds/changes${query ? `?${query}` : ''}`
}

/** What a page's follow links are made of: the keys it filters by, as its query has them, and what the page itself fixes (its list, its department, its record). */
export interface TopicSource {
  query?: Record<string, unknown>
  fixed?: Record<string, string | string[]>
  keys?: readonly string[]
}

/** A topic's filters before validation: the page's keys present in its query, without what only shapes the page (page, sort, date, view), then what the page fixes. */
export function topicCandidate({ query = {}, fixed = {}, keys = FILTER_KEYS }: TopicSource): Record<string, unknown> {
  const picked = Object.fromEntries(keys.filter((k) => query[k] !== undefined && query[k] !== '').map((k) => [k, query[k]]))
  return { ...picked, ...fixed }
}

/** One string per topic: equal topics, equal keys (a subscription is unique per address and key). */
export function topicKey(topic: Topic): string {
  return topic.kind === 'announcements' ? 'announcements' : `changes?${new URLSearchParams(topicParams(topic.filter))}`
}
