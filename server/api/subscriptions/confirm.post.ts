import { subscriptionTokenSchema } from '../../../shared/follow'
import { confirmSubscription } from '../../services/follow/subscriptions'

/** The confirmation of a subscription (double opt-in), with the token of its mail. */
export default defineEventHandler(async (event) => {
  const { db } = await publicContext(event)
  const { token } = await validBody(event, subscriptionTokenSchema)
  return confirmSubscription(db, token)
})
