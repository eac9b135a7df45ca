// 大家都在搜: the terms the server chose (server/services/search/popular.ts).
export async function usePopularSearches() {
  const { data } = await useFetch<{ terms: string[] }>('/api/search/popular', { key: 'popular-searches' })
  return computed(() => data.value?.terms ?? [])
}
