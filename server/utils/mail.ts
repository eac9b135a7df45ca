// The mail handles of the process: the SMTP transport (SMTP_URL; none in the demo) and what mails
// need to link back to the portal.
import { createTransport, type Transporter } from 'nodemailer'
import { loadConfig, type AppConfig } from './config'
import { siteUrl } from './site-url'

/** What a mail links to (the portal's public address, SITE_URL) and the key its unsubscribe link is signed with. */
export interface MailSettings { origin: string; key: string }

export function mailSettings(config: AppConfig = loadConfig()): MailSettings {
  const key = config.subscriptionKey
  if (!key) throw new Error('neither SUBSCRIPTION_KEY nor NUXT_SESSION_PASSWORD is set: the unsubscribe links of the mails cannot be signed')
  return { origin: siteUrl(), key }
}

/** The SMTP transport of SMTP_URL (smtp://user:pass@host:587, smtps://… for TLS), or null when unset. */
export function createMailTransport(config: AppConfig = loadConfig()): Transporter | null {
  return config.smtpUrl ? createTransport(config.smtpUrl) : null
}
