// The search state lives in the URL, so a search can be shared and the back button works.
import type { LocationQuery, LocationQueryRaw } from 'vue-router'

const FACET_KEYS = ['list', 'type', 'dept', 'status', 'year'] as const
export type FacetKey = (typeof FACET_KEYS)[number]

function asArray(value: LocationQuery[string] | undefined): string[] {
  if (value === undefined || value === null) return []
  return (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string')
}

export function useSearchQuery() {
  const route = useRoute()
  const localePath = useLocalePath()
  const q = computed(() => (typeof route.query.q === 'string' ? route.query.q : ''))
  const selected = (key: FacetKey) => asArray(route.query[key])

  /** The route with one facet value switched on or off, back on page 1. */
  function toggle(key: FacetKey, value: string) {
    const current = selected(key)
    const next = current.includes(value) ? current.filter((v) => v !== value) : [...current, value]
    const query: LocationQueryRaw = { ...route.query, [key]: next, page: undefined }
    return { path: localePath('/search'), query }
  }

  function withPage(page: number) {
    return { path: localePath('/search'), query: { ...route.query, page: page > 1 ? String(page) : undefined } }
  }

  function withSort(sort: string) {
    return { path: localePath('/search'), query: { ...route.query, sort: sort === 'relevance' ? undefined : sort, page: undefined } }
  }

  const hasFilters = computed(() => FACET_KEYS.some((k) => selected(k).length > 0))
  const cleared = computed(() => ({ path: localePath('/search'), query: q.value ? { q: q.value } : {} }))

  return { q, selected, toggle, withPage, withSort, hasFilters, cleared, FACET_KEYS }
}
