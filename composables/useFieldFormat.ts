// How the back office shows the fields of a power item (names and values) in the reader's language.
export function useFieldFormat() {
  const { t, te } = useI18n()
  const { typeLabel } = useLabels()
  const fieldLabel = (field: string) => (te(`workspace.fields.${field}`) ? t(`workspace.fields.${field}`) : field)
  function fieldValue(field: string, value: unknown): string {
    if (value === null || value === undefined || value === '' || (Array.isArray(value) && !value.length)) return t('workspace.common.empty')
    if (Array.isArray(value)) return value.join('、')
    if (field === 'type') return typeLabel(String(value))
    if ((field === 'level' || field === 'delegatedToLevel') && te(`level.${String(value)}`)) return t(`level.${String(value)}`)
    if (field === 'status' && te(`status.${String(value)}`)) return t(`status.${String(value)}`)
    return String(value)
  }
  return { fieldLabel, fieldValue }
}
