// What people search for most; until the portal has seen enough searches, a starting list of
// common needs stands in.
const STARTING_LIST = ['办护照', '身份证丢了', '养狗', '低保', '开小吃店', '接自来水', '开网吧', '环评', '社保卡', '营业执照']

export async function usePopularSearches() {
  const { data } = await useFetch<{ terms: string[] }>('/api/search/popular', { key: 'popular-searches' })
  return computed(() => {
    const seen = data.value?.terms ?? []
    return seen.length >= 5 ? seen : [...new Set([...seen, ...STARTING_LIST])].slice(0, 10)
  })
}
