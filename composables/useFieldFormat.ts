// How the back office shows the fields of a record of the three lists or of a guide (names and
// values) in the reader's language. A duty's, a fund's and a guide's own names come first; the
// power item's are shared.
import type { DraftEntityType } from '~/shared/lists'

const OWN_LABELS: Partial<Record<DraftEntityType, string>> = { DUTY: 'workspace.dutyFields', SPECIAL_FUND: 'workspace.fundFields', SERVICE_GUIDE: 'guide.fields' }

export function useFieldFormat(entityType: MaybeRefOrGetter<DraftEntityType> = 'POWER_ITEM') {
  const { t, te } = useI18n()
  const { typeLabel } = useLabels()
  const guide = useGuideFormat()
  const fieldLabel = (field: string) => {
    const own = OWN_LABELS[toValue(entityType)]
    if (own && te(`${own}.${field}`)) return t(`${own}.${field}`)
    return te(`workspace.fields.${field}`) ? t(`workspace.fields.${field}`) : field
  }
  function fieldValue(field: string, value: unknown): string {
    if (value === null || value === undefined || value === '' || (Array.isArray(value) && !value.length)) return t('workspace.common.empty')
    if (toValue(entityType) === 'SERVICE_GUIDE') {
      const text = guideValue(field, value)
      if (text !== null) return text
    }
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
  /** A guide's lists one numbered line per entry, so a reviewer sees each material old → new. */
  function guideValue(field: string, value: unknown): string | null {
    const lines = (render: (v: Record<string, unknown>) => string) => (value as Record<string, unknown>[]).map((v, i) => `${i + 1}. ${render(v)}`).join('\n')
    switch (field) {
      case 'materials': return lines((m) => `${String(m.name)}（${m.required ? t('guide.material.required') : t('guide.material.when', { when: String(m.requiredWhen ?? '') })}；${guide.copies(m as never)}；${guide.source(m as never)}${m.note ? `；${String(m.note)}` : ''}）`)
      case 'steps': return lines((s) => `${String(s.title)}${s.description ? `：${String(s.description)}` : ''}`)
      case 'faqs': return lines((q) => `${String(q.question)} — ${String(q.answer)}`)
      case 'legalBasis': return lines((b) => `${String(b.law)}${b.article ? ` ${String(b.article)}` : ''}`)
      case 'locations': return lines((l) => String(l.name))
      case 'conditions': return (value as string[]).map((c, i) => `${i + 1}. ${c}`).join('\n')
      case 'onlineLevel': return guide.onlineLevel(String(value))
      case 'feeFree': return value ? t('guide.free') : t('guide.charged')
      case 'visits': return guide.visits(Number(value))
      default: return null
    }
  }
  return { fieldLabel, fieldValue }
}
