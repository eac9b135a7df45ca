// Names of the product's codes in the reader's language. Department names are proper names
// and stay as published.
export function useLabels() {
  const { t, te } = useI18n()
  const typeLabel = (type: string) => (te(`types.${type}`) ? t(`types.${type}`) : type)
  const facetLabel = (facet: string, value: string, fallback: string) => {
    switch (facet) {
      case 'list': return te(`listNames.${value}`) ? t(`listNames.${value}`) : fallback
      case 'type': return typeLabel(value)
      case 'status': return te(`status.${value}`) ? t(`status.${value}`) : fallback
      case 'year': return t('yearLabel', { year: value })
      default: return fallback
    }
  }
  return { typeLabel, facetLabel }
}
