// A list page that can be read on a past day and compared between two (/power, /funds): its
// filters in the URL (useListQuery), cleared without losing the day the list is shown on, and its
// page of records, not asked for while the page compares two days (ListComparison asks for its own).
export async function useListPage<T>(path: string, api: string, filters: readonly string[]) {
  const route = useRoute()
  const { selected, toggle, withValues, withPage, link, apiQuery } = useListQuery(path, [...filters, 'date', 'page'])
  const hasFilters = computed(() => filters.some((k) => selected(k).length > 0))
  const cleared = computed(() => link(typeof route.query.date === 'string' ? { date: route.query.date } : {}))
  const comparing = computed(() => typeof route.query.from === 'string' && typeof route.query.to === 'string')
  const { data, error } = await useFetch<T>(api, { query: computed(() => ({ ...apiQuery.value, pageSize: 20 })), immediate: !comparing.value, watch: [comparing] })
  return { selected, toggle, withValues, withPage, link, hasFilters, cleared, comparing, data, error }
}
