// True once the page is interactive. Forms that must go through their script (login, password
// change) keep their fields and submit button disabled until then: a click on the
// server-rendered page would post the form to the page itself, and hydration would empty the
// fields of whatever was typed before it.
export function useHydrated() {
  const hydrated = ref(false)
  onMounted(() => { hydrated.value = true })
  return hydrated
}
