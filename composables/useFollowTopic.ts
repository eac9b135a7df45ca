// The topic a public page can be followed by (a feed, a subscription): its list and filters as
// the URL has them, without what only shapes the page (page, sort, date, view).
import type { LocationQuery } from 'vue-router'
import { changeTopicSchema, type Topic } from '~/shared/follow'

const TOPIC_KEYS = ['list', 'dept', 'type', 'kind', 'method', 'status', 'level', 'year', 'q', 'code'] as const

/** A changes topic from a page's query plus what the page itself fixes (its list, its department); null if the query holds no valid topic. */
export function topicFromQuery(query: LocationQuery, fixed: Record<string, string | string[]> = {}, keys: readonly string[] = TOPIC_KEYS): Topic | null {
  const picked = Object.fromEntries(keys.filter((k) => query[k] !== undefined && query[k] !== '').map((k) => [k, query[k]]))
  const parsed = changeTopicSchema.safeParse({ ...picked, ...fixed })
  return parsed.success ? { kind: 'changes', filter: parsed.data } : null
}
