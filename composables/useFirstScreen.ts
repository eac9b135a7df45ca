// A page of results as a phone meets it: the records of its first screen, hydrated with the page,
// and the others in small groups that each hydrate when scrolled to (ListLaterRecords, lazy). A
// group hydrates as soon as any of its records shows, so the groups are small; each part keeps its
// array until the records change, as a new array would wake its group up at once.
const FIRST_SCREEN = 3
const GROUP = 4

export function useFirstScreen<T>(records: () => T[]) {
  const first = computed(() => records().slice(0, FIRST_SCREEN))
  const later = computed(() => {
    const rest = records().slice(FIRST_SCREEN)
    return Array.from({ length: Math.ceil(rest.length / GROUP) }, (_, i) => rest.slice(i * GROUP, (i + 1) * GROUP))
  })
  return { first, later }
}
