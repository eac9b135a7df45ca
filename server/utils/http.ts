// How handlers read input and report failure: every refusal is a 4xx with a machine-readable
// `data.error` code, and zod's issues name the field at fault.
import type { H3Event } from 'h3'
import { createError, getQuery, getRouterParam, readBody } from 'h3'
import type { z } from 'zod'

import type { ApiErrorData } from '../../shared/api'

export function apiError(statusCode: number, error: string, message: string, issues?: ApiErrorData['issues'], extra: Pick<ApiErrorData, 'retryAt' | 'report'> = {}) {
  const data: ApiErrorData = { error, message, ...(issues ? { issues } : {}), ...extra }
  return createError({ statusCode, statusMessage: message, data })
}

export function validationError(error: z.ZodError) {
  return apiError(400, 'VALIDATION_FAILED', 'the request is invalid', error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })))
}

export function validQuery<T extends z.ZodType>(event: H3Event, schema: T): z.output<T> {
  const parsed = schema.safeParse(getQuery(event))
  if (!parsed.success) throw validationError(parsed.error)
  return parsed.data
}

export function validParam<T extends z.ZodType>(event: H3Event, name: string, schema: T): z.output<T> {
  const parsed = schema.safeParse(getRouterParam(event, name, { decode: true }))
  if (!parsed.success) throw validationError(parsed.error)
  return parsed.data
}

/** The JSON body, validated; a body that is not JSON is refused like any other invalid input. */
export async function validBody<T extends z.ZodType>(event: H3Event, schema: T): Promise<z.output<T>> {
  const body: unknown = await readBody(event).catch(() => {
    throw apiError(400, 'VALIDATION_FAILED', 'the request body is not valid JSON')
  })
  const parsed = schema.safeParse(body ?? {})
  if (!parsed.success) throw validationError(parsed.error)
  return parsed.data
}
