import { subscribeSchema } from '../../../shared/follow'
import { subscribe } from '../../services/follow/subscriptions'

/** Subscribes an address to a topic; nothing is sent but the confirmation until it is confirmed. */
export default defineEventHandler(async (event) => {
  const { db } = await publicContext(event)
  const input = await validBody(event, subscribeSchema)
  return subscribe(db, mailSettings(), input)
})
