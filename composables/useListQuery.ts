// The filters of a list page or of the search live in the URL as links, so every filter works
// without JavaScript, can be shared and survives the back button. Only the page's own keys reach
// the API.
import type { LocationQuery, LocationQueryRaw } from 'vue-router'

function asArray(value: LocationQuery[string] | undefined): string[] {
  if (value === undefined || value === null) return []
  return (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string')
}

export function useListQuery(path: string, keys: readonly string[]) {
  const route = useRoute()
  const localePath = useLocalePath()
  const selected = (key: string) => asArray(route.query[key])
  const link = (query: LocationQueryRaw) => ({ path: localePath(path), query })

  /** The page with one value of a filter switched on or off, back on page 1. */
  function toggle(key: string, value: string) {
    const current = selected(key)
    return link({ ...route.query, [key]: current.includes(value) ? current.filter((v) => v !== value) : [...current, value], page: undefined })
  }

  /** The page with some keys set to exactly these values (undefined removes a key), back on page 1. */
  function withValues(values: Record<string, string | undefined>) {
    return link({ ...route.query, ...values, page: undefined })
  }

  function withPage(page: number) {
    return link({ ...route.query, page: page > 1 ? String(page) : undefined })
  }

  const apiQuery = computed(() => Object.fromEntries(keys.filter((k) => route.query[k] !== undefined).map((k) => [k, route.query[k]])))
  const hasFilters = computed(() => keys.some((k) => k !== 'page' && selected(k).length > 0))

  return { selected, toggle, withValues, withPage, link, apiQuery, hasFilters }
}
