// Names for what the audit log and the history store as codes (fields, record types, actions),
// in the reader's language; a code without a name is shown as it is, so nothing is hidden.
export function useAuditLabels() {
  const { t, te, locale } = useI18n()
  const named = (key: string, code: string) => (te(key) ? t(key) : code)
  const fieldLabel = (field: string) => named(`audit.fields.${field}`, field)
  const entityLabel = (entity: string) => named(`audit.entities.${entity}`, entity)
  /** A stored value as text: JSON for objects and lists, "(empty)" for nothing. */
  const valueText = (value: unknown) => {
    if (value === null || value === undefined || value === '') return t('audit.diff.empty')
    if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.join('、') || t('audit.diff.empty')
    return typeof value === 'string' ? value : JSON.stringify(value)
  }
  // The log's times are read in the city's own time zone, whatever the reader's device says.
  const dateTime = computed(() => new Intl.DateTimeFormat(locale.value, { timeZone: 'Asia/Shanghai', dateStyle: 'medium', timeStyle: 'medium' }))
  const date = computed(() => new Intl.DateTimeFormat(locale.value, { timeZone: 'Asia/Shanghai', dateStyle: 'medium' }))
  return { fieldLabel, entityLabel, valueText, formatDateTime: (iso: string) => dateTime.value.format(new Date(iso)), formatDate: (iso: string) => date.value.format(new Date(iso)) }
}
