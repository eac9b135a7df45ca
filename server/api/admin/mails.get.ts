import { noQuerySchema } from '../../../shared/query'
import { mailbox } from '../../services/follow/send'

/** The subscription mails, newest first: those kept instead of sent when no SMTP_URL is set (the demo), and the outbox's state. */
export default defineEventHandler(async (event) => {
  const { db } = await requireContext(event, 'mail:read')
  validQuery(event, noQuerySchema)
  return mailbox(db, !!appConfig().smtpUrl)
})
