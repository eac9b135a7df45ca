// Sending the outgoing mails. One worker claims one mail at a time with FOR UPDATE SKIP LOCKED
// and marks it SENDING before the SMTP call; only then is it sent, and marked SENT with its
// address and body cleared. A mail whose sending was cut off (the process died between the SMTP
// call and the mark) is left UNCERTAIN, never sent again: a change is never mailed twice. A
// server that refuses or cannot be reached is tried again later, 1, 2, 4 … up to 60 minutes on.
// Without SMTP_URL (the demo) each mail is KEPT instead, for the back office's mailbox.
import type { Transporter } from 'nodemailer'
import type { Db } from '../../utils/prisma'
import type { Mailbox } from '../../../shared/follow'

/** How long a claimed mail may take to send before another worker deems its sending cut off. */
export const SEND_LEASE_MS = 5 * 60_000
const MAX_ATTEMPTS = 8

export interface Sender { transport: Transporter | null; from: string }

interface Claimed { id: number; to: string; subject: string; text: string; unsubscribeUrl: string | null; attempts: number }

export async function sendDue(db: Db, sender: Sender, now = new Date()): Promise<{ sent: number; kept: number; failed: number }> {
  const result = { sent: 0, kept: 0, failed: 0 }
  await db.$executeRaw`UPDATE "OutgoingMail" SET status = 'UNCERTAIN', "lockedUntil" = NULL, "lastError" = '发送中途中断，服务器可能已收下；为免重复，不再重发' WHERE status = 'SENDING' AND "lockedUntil" < ${now}`
  for (;;) {
    const [mail] = sender.transport
      ? await db.$queryRaw<Claimed[]>`
          UPDATE "OutgoingMail" SET status = 'SENDING', attempts = attempts + 1, "lockedUntil" = ${new Date(now.getTime() + SEND_LEASE_MS)}
          WHERE id = (SELECT id FROM "OutgoingMail" WHERE status = 'PENDING' AND "nextAttemptAt" <= ${now} ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)
          RETURNING id, "to", subject, text, "unsubscribeUrl", attempts`
      : await db.$queryRaw<Claimed[]>`
          UPDATE "OutgoingMail" SET status = 'KEPT', "sentAt" = ${now}
          WHERE id = (SELECT id FROM "OutgoingMail" WHERE status = 'PENDING' ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)
          RETURNING id, "to", subject, text, "unsubscribeUrl", attempts`
    if (!mail) return result
    if (!sender.transport) {
      result.kept += 1
      continue
    }
    try {
      await sender.transport.sendMail({
        from: sender.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        // RFC 8058: the mail client may end the subscription with one POST, no page, no session.
        ...(mail.unsubscribeUrl ? { headers: { 'List-Unsubscribe': `<${mail.unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } } : {}),
      })
      await db.outgoingMail.update({ where: { id: mail.id }, data: { status: 'SENT', sentAt: new Date(), lockedUntil: null, to: '', text: '', lastError: null } })
      result.sent += 1
    } catch (error) {
      const gaveUp = mail.attempts >= MAX_ATTEMPTS
      const delay = Math.min(60, 2 ** (mail.attempts - 1)) * 60_000
      await db.outgoingMail.update({
        where: { id: mail.id },
        data: { status: gaveUp ? 'FAILED' : 'PENDING', lockedUntil: null, nextAttemptAt: new Date(now.getTime() + delay), lastError: (error as Error).message.slice(0, 500) },
      })
      result.failed += 1
      // The server is down or refusing: the other mails wait for the next round.
      return result
    }
  }
}

/** The mails kept for the demo (no SMTP_URL) and the state of the outbox, newest first. */
export async function mailbox(db: Db, smtp: boolean, limit = 50): Promise<Mailbox> {
  const [rows, counts] = await Promise.all([
    db.outgoingMail.findMany({ orderBy: { id: 'desc' }, take: limit }),
    db.outgoingMail.groupBy({ by: ['status'], _count: { _all: true } }),
  ])
  return {
    smtp,
    counts: Object.fromEntries(counts.map((c) => [c.status, c._count._all])),
    mails: rows.map((m) => ({ id: m.id, kind: m.kind, status: m.status, to: m.to, subject: m.subject, text: m.text, changes: m.changes, createdAt: m.createdAt.toISOString(), sentAt: m.sentAt?.toISOString() ?? null, lastError: m.lastError })),
  }
}
