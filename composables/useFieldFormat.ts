// How the back office shows the fields of a record of the three lists (names and values) in the
// reader's language. A duty's and a fund's own names come first; the power item's are shared.
type Entity = 'POWER_ITEM' | 'DUTY' | 'SPECIAL_FUND' | 'SERVICE_GUIDE'
const OWN_LABELS: Partial<Record<Entity, string>> = { DUTY: 'workspace.dutyFields', SPECIAL_FUND: 'workspace.fundFields', SERVICE_GUIDE: 'guide.fields' }

export function useFieldFormat(entityType: MaybeRefOrGetter<Entity> = 'POWER_ITEM') {
  const { t, te } = useI18n()
  const { typeLabel } = useLabels()
  const fieldLabel = (field: string) => {
    const own = OWN_LABELS[toValue(entityType)]
    if (own && te(`${own}.${field}`)) return t(`${own}.${field}`)
    return te(`workspace.fields.${field}`) ? t(`workspace.fields.${field}`) : field
  }
  function fieldValue(field: string, value: unknown): string {
    if (value === null || value === undefined || value === '' || (Array.isArray(value) && !value.length)) return t('workspace.common.empty')
    // Accountability cases and allocations: one numbered line each.
    if (Array.isArray(value) && value.some((v) => v && typeof v === 'object')) {
      return value.map((v: Record<string, unknown>, i) => `${i + 1}. ${[v.content ?? v.recipient, v.amount && t('lists.common.wan', { amount: v.amount }), v.basis && `（${String(v.basis)}）`].filter(Boolean).join(' ')}`).join('\n')
    }
    if (Array.isArray(value)) return value.join('、')
    if (field === 'type' || field === 'kind' || field === 'allocationMethod') return typeLabel(String(value))
    if (field === 'amount') return t('lists.common.wan', { amount: String(value) })
    if ((field === 'level' || field === 'delegatedToLevel') && te(`level.${String(value)}`)) return t(`level.${String(value)}`)
    if (field === 'status' && te(`status.${String(value)}`)) return t(`status.${String(value)}`)
    if (typeof value === 'boolean') return value ? '✓' : '✗'
    return String(value)
  }
  return { fieldLabel, fieldValue }
}
