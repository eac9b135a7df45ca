// True once the page is interactive. Forms that must go through their script (login, password
// change) keep their submit button disabled until then: a click on the server-rendered page
// would post the form to the page itself and lose what was typed.
export function useHydrated() {
  const hydrated = ref(false)
  onMounted(() => { hydrated.value = true })
  return hydrated
}
