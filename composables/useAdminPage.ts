// What a back-office page starts with: its words, its route and links, the signed-in user, and,
// given the i18n key of its title, that title in the browser's tab (in the reader's language).
export function useAdminPage(titleKey?: string) {
  const { t, te, locale } = useI18n()
  if (titleKey) useSeoMeta({ title: () => t(titleKey) })
  return { t, te, locale, route: useRoute(), localePath: useLocalePath(), session: useSessionStore() }
}
