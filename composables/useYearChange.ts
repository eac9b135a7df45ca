// A fund's size against the year before, as a reader is told it: "+8.2%", "−3.0%", or that the
// fund is new this year.
export function useYearChange() {
  const { t, locale } = useI18n()
  const percent = computed(() => new Intl.NumberFormat(locale.value, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: 'exceptZero' }))
  return (amount: string, previous: string | null | undefined) => {
    if (previous === null || previous === undefined) return t('lists.funds.newThisYear')
    const before = Number(previous)
    return before > 0 ? percent.value.format(Number(amount) / before - 1) : '—'
  }
}
