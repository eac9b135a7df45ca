// The rows of an administration table as the administrator edits them in place before saving
// each: a draft per row, taken again from the rows the server answers, and what a draft changes.
import type { Ref } from 'vue'

export function useRowDrafts<Row extends { id: number }, Draft extends object>(rows: Ref<Row[]>, draftOf: (row: Row) => Draft) {
  const drafts = ref({}) as Ref<Record<number, Draft>>
  watchEffect(() => {
    for (const row of rows.value) drafts.value[row.id] = draftOf(row)
  })
  /** The fields of the row's draft that differ from the row; empty when there is nothing to save. */
  function changes(row: Row): Partial<Draft> {
    const draft = drafts.value[row.id]
    return draft ? Object.fromEntries(Object.entries(draft).filter(([k, v]) => row[k as keyof Row] !== v)) as Partial<Draft> : {}
  }
  return { drafts, changes }
}
