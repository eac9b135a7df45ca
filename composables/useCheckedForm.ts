// A form checked with the shared schema before it is sent, its errors by field: the schema's own,
// or the server's 400 issues when it refuses anyway (`setErrors`, which `useAdminAction` calls).
import type { z } from 'zod'

export function useCheckedForm<T>(schema: z.ZodType<T>, firstField: string) {
  const errors = ref<Record<string, string>>({})
  /** The input as the schema reads it, or null with the errors shown. */
  function check(input: unknown): T | null {
    const parsed = schema.safeParse(input)
    errors.value = parsed.success ? {} : Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0] ?? firstField), i.message]))
    return parsed.success ? parsed.data : null
  }
  function setErrors(issues: { name: string; message: string }[]) {
    errors.value = Object.fromEntries(issues.map((i) => [i.name, i.message]))
  }
  return { errors, check, setErrors }
}
