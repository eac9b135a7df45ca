// Names of the lists' enum values in the reader's language.
import { itemTypeByKey } from '~/shared/item-types'

export function useListLabels() {
  const { t, locale } = useI18n()
  const typeName = (type: string) => {
    const entry = itemTypeByKey(type)
    return entry ? (locale.value === 'en' ? entry.en : entry.zh) : type
  }
  const wan = computed(() => new Intl.NumberFormat(locale.value, { minimumFractionDigits: 2, maximumFractionDigits: 2 }))
  const dateFmt = computed(() => new Intl.DateTimeFormat(locale.value, { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }))
  return {
    typeName,
    /** 万元 amounts are decimal strings; display only, so a float is exact enough */
    amount: (value: string) => t('lists.common.wan', { amount: wan.value.format(Number(value)) }),
    /** dates are ISO strings; date-only ones are UTC midnight */
    date: (value: string) => dateFmt.value.format(new Date(value)),
  }
}
