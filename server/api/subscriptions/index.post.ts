import { subscribeSchema } from '../../../shared/follow'
import { subscribe } from '../../services/follow/subscriptions'

/** Subscribes an address to a topic; nothing is sent but the confirmation until it is confirmed. 429 when sent too often (SUBSCRIBE_LIMITS). */
export default defineEventHandler(async (event) => {
  const { db } = await publicContext(event)
  const input = await validBody(event, subscribeSchema)
  return subscribe(db, mailSettings(), input, requestInfo(event).address)
})
