// A request that fails because PostgreSQL cannot be reached (restarting, failing over, down) is
// answered 503 DATABASE_UNAVAILABLE with Retry-After, like any refusal of server/utils/http.ts,
// instead of a bare 500. The error hook runs before the error handler renders the answer, so
// turning the error into a handled one here is enough; nothing else is changed.
import type { H3Error } from 'h3'
import { isDatabaseUnavailable } from '../utils/prisma'
import type { ApiErrorData } from '../../shared/api'

const RETRY_AFTER_SECONDS = 5

export default defineNitroPlugin((nitro) => {
  nitro.hooks.hook('error', (error, { event }) => {
    if (!event || !isDatabaseUnavailable(error)) return
    const answer = error as H3Error<ApiErrorData>
    const data: ApiErrorData = { error: 'DATABASE_UNAVAILABLE', message: '数据库暂时无法连接，请稍后重试 (the database is unavailable, try again shortly)' }
    answer.statusCode = 503
    answer.statusMessage = 'Service Unavailable'
    answer.message = data.message
    answer.data = data
    answer.unhandled = false
    if (!event.node.res.headersSent) setResponseHeader(event, 'Retry-After', RETRY_AFTER_SECONDS)
  })
})
