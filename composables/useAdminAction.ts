// One action of a back-office page at a time: `busy` while its request runs (the forms show it),
// then, once the page shows the new state, the notice of what was done; or the server's refusal,
// its field issues handed back to the form that sent them.
type Announce = ReturnType<typeof useNotice>['announce']
type Issues = { name: string; message: string }[]
/** a proposal or decision form (its own field names), a Nuxt UI form, or a `useCheckedForm` */
type IssueTaker = { setServerErrors: (issues: Issues) => unknown } | { setErrors: (issues: Issues) => unknown }

interface Options {
  /** what the page reloads after the action */
  refresh?: () => Promise<unknown>
  /** what it reloads after a refusal */
  refreshOnError?: () => Promise<unknown>
  /** the form whose fields the server's issues name */
  form?: MaybeRefOrGetter<IssueTaker | null | undefined>
}

export function useAdminAction(announce: Announce, options: Options = {}) {
  const { t } = useI18n()
  const { message, fieldErrors } = useApiError()
  const busy = ref(false)
  async function act<T>(work: () => Promise<T>, done: (result: T) => string) {
    busy.value = true
    try {
      const result = await work()
      await options.refresh?.()
      await announce({ notice: done(result) })
    } catch (e) {
      const form = toValue(options.form)
      if (form) void ('setErrors' in form ? form.setErrors(fieldErrors(e)) : form.setServerErrors(fieldErrors(e)))
      await options.refreshOnError?.()
      await announce({ error: message(e) })
    } finally {
      busy.value = false
    }
  }
  /** A form the browser would not send: how many of its fields want fixing. */
  const invalid = (count: number) => announce({ error: t('workspace.common.fixErrors', { count }) })
  return { busy, act, invalid }
}
