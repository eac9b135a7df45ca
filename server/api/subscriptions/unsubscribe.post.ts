import { subscriptionTokenSchema } from '../../../shared/follow'
import { unsubscribe } from '../../services/follow/subscriptions'

/** Ends a subscription, with the token of the link every mail carries. */
export default defineEventHandler(async (event) => {
  const { db } = await publicContext(event)
  const { token } = await validBody(event, subscriptionTokenSchema)
  return unsubscribe(db, mailSettings().key, token)
})
