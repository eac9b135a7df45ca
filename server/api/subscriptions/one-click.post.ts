import { subscriptionTokenSchema } from '../../../shared/follow'
import { unsubscribe } from '../../services/follow/subscriptions'

/**
 * RFC 8058 one-click unsubscribe: the address of every mail's List-Unsubscribe header, POSTed by
 * the mail client (body `List-Unsubscribe=One-Click`) with the mail's token in the query, no
 * session and no origin (server/middleware/02.csrf.ts lets it through). The token decides.
 */
export default defineEventHandler(async (event) => {
  const { db } = await publicContext(event)
  const { token } = validQuery(event, subscriptionTokenSchema)
  return unsubscribe(db, mailSettings().key, token)
})
