// A request id on every answer and in every audit entry the request writes, so that an entry
// can be matched with the access log of the load balancer and the portal.
import { randomUUID } from 'node:crypto'

export default defineEventHandler((event) => {
  const requestId = randomUUID()
  event.context.requestId = requestId
  setResponseHeader(event, 'X-Request-Id', requestId)
})
