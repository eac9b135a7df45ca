// The message a refused API request carries (`data.message`, see shared/api.ts), and its
// field-level issues in the shape Nuxt UI forms take.
import type { ApiErrorData } from '~/shared/api'

export function apiErrorData(error: unknown): ApiErrorData | null {
  const data = (error as { data?: { data?: ApiErrorData } } | null)?.data?.data
  return data && typeof data.error === 'string' ? data : null
}

export function useApiError() {
  const { t } = useI18n()
  const message = (error: unknown) => t('admin.errors.generic', { message: apiErrorData(error)?.message ?? String((error as Error)?.message ?? error) })
  const fieldErrors = (error: unknown) => (apiErrorData(error)?.issues ?? []).map((i) => ({ name: i.path, message: i.message }))
  return { message, fieldErrors }
}
