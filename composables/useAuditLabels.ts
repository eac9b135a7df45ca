// Names for what the audit log and the history store as codes (fields, record types, actions),
// in the reader's language; a code without a name is shown as it is, so nothing is hidden.
// Values are laid out for reading: times in the city's time zone, codes by their names, lists
// one item a line and nested objects one field a line, never as JSON.
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/
/** Dates stored as the day's 00:00 UTC: read as a day, not as 08:00 in the city. */
const DATE_FIELDS = new Set(['effectiveDate', 'publishedOn'])
/** Which table of names a field's values come from; the first that knows the value names it. */
const VALUE_NAMES: Record<string, string[]> = {
  status: ['status', 'workspace.status', 'workspace.versionStatus'],
  outcome: ['workspace.status'],
  action: ['action'],
  type: ['types'],
  kind: ['types'],
  allocationMethod: ['types'],
  level: ['level'],
  delegatedToLevel: ['level'],
  delegateToLevel: ['level'],
  toLevel: ['level'],
  role: ['admin.roles'],
  entityType: ['audit.entities'],
}

export function useAuditLabels() {
  const { t, te, locale } = useI18n()
  const named = (key: string, code: string) => (te(key) ? t(key) : code)
  const fieldLabel = (field: string) => named(`audit.fields.${field}`, field)
  const entityLabel = (entity: string) => named(`audit.entities.${entity}`, entity)
  // The log's times are read on the city's clock, whatever the reader's device says; a date
  // stored as its day's 00:00 UTC is that day.
  const cityTime = useCityTime()
  const dayOnly = computed(() => new Intl.DateTimeFormat(locale.value, { timeZone: 'UTC', dateStyle: 'medium' }))
  const separator = computed(() => (locale.value === 'zh-CN' ? '、' : ', '))

  const empty = (value: unknown) => value === null || value === undefined || value === '' || (Array.isArray(value) && !value.length)

  function scalarText(value: unknown, field?: string): string {
    if (typeof value === 'boolean') return value ? t('audit.log.yes') : t('audit.log.no')
    if (typeof value !== 'string') return String(value)
    if (ISO_INSTANT.test(value)) return field && DATE_FIELDS.has(field) ? dayOnly.value.format(new Date(value)) : cityTime(value, 'seconds')
    const names = field ? VALUE_NAMES[field] : undefined
    const table = names?.find((n) => te(`${n}.${value}`))
    return table ? t(`${table}.${value}`) : value
  }

  /** One entry of a list of objects on one line: a version's change as a sentence, anything else field by field. */
  function objectLine(o: Record<string, unknown>): string {
    if (typeof o.code === 'string' && typeof o.action === 'string') {
      const what = [scalarText(o.action, 'action'), o.entityType ? entityLabel(String(o.entityType)) : null, o.name ? `${String(o.name)}（${o.code}）` : o.code].filter(Boolean).join(' ')
      return [what, o.department, o.documentNo].filter((v) => !empty(v)).join(' · ')
    }
    return Object.entries(o).filter(([, v]) => !empty(v)).map(([k, v]) => `${fieldLabel(k)}：${inline(v, k)}`).join('；')
  }

  function inline(value: unknown, field?: string): string {
    if (empty(value)) return t('audit.diff.empty')
    if (Array.isArray(value)) return value.map((v) => (v && typeof v === 'object' ? objectLine(v as Record<string, unknown>) : scalarText(v, field))).join(separator.value)
    if (value && typeof value === 'object') return objectLine(value as Record<string, unknown>)
    return scalarText(value, field)
  }

  /** A stored value as text to read: "(empty)" for nothing; lists and objects one entry a line. */
  function valueText(value: unknown, field?: string): string {
    if (empty(value)) return t('audit.diff.empty')
    if (Array.isArray(value)) {
      if (value.every((v) => v === null || typeof v !== 'object')) return value.map((v) => scalarText(v, field)).join(separator.value)
      return value.map((v, i) => `${i + 1}. ${v && typeof v === 'object' ? objectLine(v as Record<string, unknown>) : scalarText(v, field)}`).join('\n')
    }
    if (value && typeof value === 'object') {
      return Object.entries(value as Record<string, unknown>).map(([k, v]) => `${fieldLabel(k)}：${inline(v, k)}`).join('\n')
    }
    return scalarText(value, field)
  }

  return { fieldLabel, entityLabel, valueText }
}
