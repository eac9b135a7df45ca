// What a failure that is not a refusal answers. A request that fails because PostgreSQL cannot be
// reached (restarting, failing over, down) is answered 503 DATABASE_UNAVAILABLE with Retry-After,
// like any refusal of server/utils/http.ts, instead of a bare 500; any other failure is a 500 with
// the code INTERNAL_ERROR and nothing else. The error hook runs before the error handler renders
// the answer, so changing the error here is enough.
import type { H3Error } from 'h3'
import { isDatabaseUnavailable } from '../utils/prisma'
import type { ApiErrorData } from '../../shared/api'

const RETRY_AFTER_SECONDS = 5

const INTERNAL: ApiErrorData = { error: 'INTERNAL_ERROR', message: '服务器内部错误，请稍后重试 (internal error, try again later)' }

export default defineNitroPlugin((nitro) => {
  nitro.hooks.hook('error', (error, { event }) => {
    if (!event) return
    const answer = error as H3Error<ApiErrorData>
    // A refusal that says when trying again can succeed (429 TOO_MANY_ATTEMPTS) says it in the header too.
    const retryAt = answer.data?.retryAt
    if (retryAt && !event.node.res.headersSent) setResponseHeader(event, 'Retry-After', Math.max(1, Math.ceil((Date.parse(retryAt) - Date.now()) / 1000)))
    if (!isDatabaseUnavailable(error)) {
      // Any other failure stays a bare 500 that names nothing inside, but with a machine-readable
      // code like every other refusal; the log has the details.
      if (!answer.unhandled) return
      // Nitro logs only unhandled errors, and never shows their data: log it here, then answer
      // with nothing but the code and a plain message.
      console.error(`[error] ${event.method} ${event.path}:`, answer.cause ?? answer)
      answer.unhandled = false
      answer.statusCode = 500
      answer.statusMessage = 'Server Error'
      answer.message = INTERNAL.message
      answer.data = INTERNAL
      return
    }
    const data: ApiErrorData = { error: 'DATABASE_UNAVAILABLE', message: '数据库暂时无法连接，请稍后重试 (the database is unavailable, try again shortly)' }
    answer.statusCode = 503
    answer.statusMessage = 'Service Unavailable'
    answer.message = data.message
    answer.data = data
    answer.unhandled = false
    if (!event.node.res.headersSent) setResponseHeader(event, 'Retry-After', RETRY_AFTER_SECONDS)
  })
})
