// The one place where a failure becomes an answer. A refusal a service decided (any DomainError,
// server/services/errors.ts) answers its status with `{ error, message, issues? }`, so handlers
// let them through instead of catching them. A request that fails because PostgreSQL cannot be
// reached (restarting, failing over, down) is answered 503 DATABASE_UNAVAILABLE with Retry-After;
// any other failure is a 500 with the code INTERNAL_ERROR and nothing else. The error hook runs
// before the error handler renders the answer, so changing the error here is enough.
import type { H3Error } from 'h3'
import { isDatabaseUnavailable } from '../utils/prisma'
import { DomainError } from '../services/errors'
import type { ApiErrorData } from '../../shared/api'

const RETRY_AFTER_SECONDS = 5

const INTERNAL: ApiErrorData = { error: 'INTERNAL_ERROR', message: '服务器内部错误，请稍后重试 (internal error, try again later)' }
const DATABASE_UNAVAILABLE: ApiErrorData = { error: 'DATABASE_UNAVAILABLE', message: '数据库暂时无法连接，请稍后重试 (the database is unavailable, try again shortly)' }

/** Rewrites the error the handler will render: its status, its data, and that it was handled. */
function answerWith(answer: H3Error<ApiErrorData>, statusCode: number, statusMessage: string, data: ApiErrorData) {
  answer.unhandled = false
  answer.statusCode = statusCode
  answer.statusMessage = statusMessage
  answer.message = data.message
  answer.data = data
}

export default defineNitroPlugin((nitro) => {
  nitro.hooks.hook('error', (error, { event }) => {
    if (!event) return
    const answer = error as H3Error<ApiErrorData>
    const cause = answer.cause ?? error
    if (cause instanceof DomainError) {
      // h3 keeps only Latin-1 in a status line; the message itself is in data.
      answerWith(answer, cause.status, cause.code, cause.answer())
      return
    }
    if (isDatabaseUnavailable(error)) {
      answerWith(answer, 503, 'Service Unavailable', DATABASE_UNAVAILABLE)
      if (!event.node.res.headersSent) setResponseHeader(event, 'Retry-After', RETRY_AFTER_SECONDS)
      return
    }
    // Any other failure stays a bare 500 that names nothing inside, but with a machine-readable
    // code like every other refusal; the log has the details.
    if (!answer.unhandled) return
    // Nitro logs only unhandled errors, and never shows their data: log it here, then answer
    // with nothing but the code and a plain message.
    console.error(`[error] ${event.method} ${event.path}:`, answer.cause ?? answer)
    answerWith(answer, 500, 'Server Error', INTERNAL)
  })
})
