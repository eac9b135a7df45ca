// Composes and sends the subscription mails while the portal runs (server/services/follow/). Every
// portal process may run it: subscriptions and mails are claimed with FOR UPDATE SKIP LOCKED.
import { startMailWorker, type MailWorker } from '../services/follow/worker'

export default defineNitroPlugin((nitro) => {
  if (process.env.SEARCH_WORKER === 'off' || process.env.MAIL_WORKER === 'off') return
  const config = loadConfig()
  const transport = createMailTransport(config)
  let worker: MailWorker | undefined
  const start = async () => {
    const db = await useDb()
    worker = startMailWorker(db.prisma, { meili: useMeili(), indexUid: config.meiliIndex }, mailSettings(config), { transport, from: config.mailFrom }, {
      onError: (message) => console.warn(`[mail] postponed: ${message}`),
    })
    if (!transport) console.log('[mail] SMTP_URL is not set: subscription mails are kept for the back office (/admin/mails) instead of being sent')
  }
  void start().catch((error: Error) => console.warn(`[mail] worker not started: ${error.message}`))
  nitro.hooks.hook('close', async () => {
    await worker?.stop()
    transport?.close()
  })
})
