// Names for what the audit log and the history store as codes (fields, record types, actions),
// in the reader's language; a code without a name is shown as it is, so nothing is hidden.
export function useAuditLabels() {
  const { t, te } = useI18n()
  const named = (key: string, code: string) => (te(key) ? t(key) : code)
  const fieldLabel = (field: string) => named(`audit.fields.${field}`, field)
  const entityLabel = (entity: string) => named(`audit.entities.${entity}`, entity)
  /** A stored value as text: JSON for objects and lists, "(empty)" for nothing. */
  const valueText = (value: unknown) => {
    if (value === null || value === undefined || value === '') return t('audit.diff.empty')
    if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.join('、') || t('audit.diff.empty')
    return typeof value === 'string' ? value : JSON.stringify(value)
  }
  return { fieldLabel, entityLabel, valueText }
}
