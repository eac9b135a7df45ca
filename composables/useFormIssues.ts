// A component's Nuxt UI form (`ref="form"`): the server's 400 issues shown on its fields, and the
// count of fields the browser found wanting handed on (the component's `invalid` event). The
// server names a field inside what was sent (`payload.title`); the form names it without `prefix`.
import type { Form, FormError, FormErrorEvent } from '@nuxt/ui'

export function useFormIssues(invalid: (count: number) => void, prefix?: string) {
  const form = useTemplateRef<Form<Record<string, unknown>>>('form')
  function setServerErrors(issues: { name: string; message: string }[]) {
    const errors: FormError[] = issues.map((i) => ({ name: prefix && i.name.startsWith(`${prefix}.`) ? i.name.slice(prefix.length + 1) : i.name, message: i.message }))
    form.value?.setErrors(errors)
    return errors.length
  }
  const onError = (event: FormErrorEvent) => invalid(event.errors.length)
  return { setServerErrors, onError }
}
