// The change request of a page's `:id` (the editor's draft page, the reviewer's decision page),
// with the name and code of the record it is about: the published one (for a guide, its item),
// or the proposed new one.
import type { ChangeRequestView } from '~/shared/workspace'

export async function useChangeRequest() {
  const route = useRoute()
  const id = computed(() => Number(route.params.id))
  const fetched = useFetch<ChangeRequestView>(() => `/api/change-requests/${id.value}`)
  const { data: request, error: loadError, refresh } = fetched
  const field = (...keys: string[]) => computed(() => {
    const values = [request.value?.record, request.value?.published, request.value?.payload].flatMap((source) => keys.map((k) => (source as Record<string, unknown> | null | undefined)?.[k]))
    return String(values.find((v) => v !== undefined && v !== null) ?? '')
  })
  const itemName = field('name', 'title')
  const itemCode = field('code')
  await fetched
  return { id, request, loadError, refresh, itemName, itemCode }
}
