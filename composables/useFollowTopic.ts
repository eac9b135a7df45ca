// The topic a public page can be followed by (a feed, a subscription): its list and filters as
// the URL has them, without what only shapes the page (page, sort, date, view).
//
// The filters are checked by the schema in shared/follow.ts, which needs zod. That module is loaded
// only here and only when needed: the server checks the page's filters for its first render and
// hands the topic to the browser in the payload, so the page hydrates without downloading and
// running the validation library (about 23 KB compressed on every public page before); a later
// navigation inside the portal loads it then.
import type { Topic, TopicSource } from '~/shared/follow-topics'
import { topicCandidate } from '~/shared/follow-topics'

/** A changes topic from a page's query plus what the page itself fixes (its list, its department); null if the query holds no valid topic. */
export function useFollowTopic(source: () => TopicSource) {
  const candidate = computed(() => topicCandidate(source()))
  const { data } = useAsyncData(
    () => `follow-topic:${JSON.stringify(candidate.value)}`,
    async () => {
      const { topicFromFilters } = await import('~/shared/follow')
      return topicFromFilters(candidate.value)
    },
  )
  return computed<Topic | null>(() => data.value ?? null)
}
