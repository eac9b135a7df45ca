import { subscriptionTokenSchema } from '../../../shared/follow'

/** A mail client that opens the List-Unsubscribe address instead of POSTing to it gets the unsubscribe page, which asks first. */
export default defineEventHandler(async (event) => {
  await publicContext(event)
  const { token } = validQuery(event, subscriptionTokenSchema)
  return sendRedirect(event, `/follow/unsubscribe?token=${encodeURIComponent(token)}`, 303)
})
