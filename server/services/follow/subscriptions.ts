// Email subscriptions with double opt-in. Subscribing stores the address, the topic and a hash
// of a confirmation token, and queues the confirmation mail; nothing is sent about the topic until
// the address confirms. Every mail carries an unsubscribe link: an HMAC of the subscription under
// the server's key, so no unsubscribe token is stored at all.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import type { Db, Prisma } from '../../utils/prisma'
import type { MailSettings } from '../../utils/mail'
import { ONE_CLICK_UNSUBSCRIBE_PATH, topicKey, type SubscribeInput, type Topic } from '../../../shared/follow'
import type { ApiErrorData } from '../../../shared/api'
import { DomainError } from '../errors'
import { addressKey, countInWindow, LOGIN_LIMITS, windowEnd } from '../auth/throttle'
import { topicTitle } from './describe'

type Tx = Prisma.TransactionClient

export class SubscriptionError extends DomainError {}

/** 429 TOO_MANY_REQUESTS: the form was sent too often from one address or for one mailbox; `retryAt` says when it may be sent again. */
export class TooManySubscriptionsError extends SubscriptionError {
  constructor(readonly retryAt: Date) {
    super(429, 'TOO_MANY_REQUESTS', '提交订阅过于频繁，请稍后再试')
  }

  override answer(): ApiErrorData {
    return { ...super.answer(), retryAt: this.retryAt.toISOString() }
  }
}

export type { MailSettings }

/** A confirmation mail is not sent again to the same address and topic sooner than this. */
export const CONFIRM_RESEND_MS = 10 * 60_000
/** At most this many confirmation mails an hour to one address, whatever the topics: the form cannot be used to flood a mailbox. */
export const CONFIRMS_PER_HOUR = 5

/**
 * Subscription requests accepted in one window of the login limits (15 minutes), counted in
 * PostgreSQL (LoginThrottle) so that every portal process sees the same counts: from one client
 * address (an IPv6 /64), and for one mailbox whoever sends them. Beyond them the form answers 429.
 */
export const SUBSCRIBE_LIMITS = { windowMs: LOGIN_LIMITS.windowMs, perAddress: 20, perEmail: 10 }

/** Counts a subscription request against SUBSCRIBE_LIMITS; refuses it with 429 when one is reached. */
async function countSubscribeRequest(db: Db, email: string, client: string, now: Date): Promise<void> {
  for (const [key, limit] of [[`subscribe:address:${addressKey(client)}`, SUBSCRIBE_LIMITS.perAddress], [`subscribe:email:${email}`, SUBSCRIBE_LIMITS.perEmail]] as const) {
    if ((await countInWindow(db, key, limit, now)) === null) throw new TooManySubscriptionsError(await windowEnd(db, [key], true))
  }
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')
const randomToken = () => randomBytes(32).toString('base64url')

/** `<id>.<mac>`: proves the link came from a mail of this subscription. */
export function unsubscribeToken(key: string, subscription: { id: number; salt: string }): string {
  return `${subscription.id}.${createHmac('sha256', key).update(`unsubscribe:${subscription.id}:${subscription.salt}`).digest('base64url')}`
}

export const unsubscribeUrl = (settings: MailSettings, subscription: { id: number; salt: string }) => `${settings.origin}/follow/unsubscribe?token=${unsubscribeToken(settings.key, subscription)}`

/** The List-Unsubscribe address of the subscription's mails: one POST ends it (RFC 8058 one-click). */
export const oneClickUnsubscribeUrl = (settings: MailSettings, subscription: { id: number; salt: string }) => `${settings.origin}${ONE_CLICK_UNSUBSCRIBE_PATH}?token=${unsubscribeToken(settings.key, subscription)}`

/** The footer every mail ends with: why it came and how to stop it. */
export function mailFooter(settings: MailSettings, subscription: { id: number; salt: string }, title: string): string[] {
  return [
    '',
    '——',
    `您收到此邮件，是因为您在“三张清单一张网”订阅了：${title}。`,
    `退订（一键，无需登录）：${unsubscribeUrl(settings, subscription)}`,
  ]
}

/**
 * Subscribes an address to a topic, unconfirmed, and queues the confirmation mail. The answer is
 * the same whether the address was new, waiting or already confirmed, so the form tells no one
 * who follows what; an address already confirmed gets no mail, one waiting gets a new link at
 * most every ten minutes.
 */
export async function subscribe(db: Db, settings: MailSettings, input: SubscribeInput, client: string, now = new Date()): Promise<{ title: string }> {
  await countSubscribeRequest(db, input.email, client, now)
  const topic = input.topic as Topic
  const title = await topicTitle(db, topic)
  const key = topicKey(topic)
  await db.$transaction(async (tx) => {
    // Serialises the subscriptions of one address across processes (its limits hold under races).
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`subscribe:${input.email}`}))`
    const existing = await tx.subscription.findUnique({ where: { email_topicKey: { email: input.email, topicKey: key } } })
    if (existing?.confirmedAt) {
      if (existing.frequency !== input.frequency) await tx.subscription.update({ where: { id: existing.id }, data: { frequency: input.frequency } })
      return
    }
    if (existing?.confirmSentAt && now.getTime() - existing.confirmSentAt.getTime() < CONFIRM_RESEND_MS) return
    const lastHour = await tx.subscription.count({ where: { email: input.email, confirmSentAt: { gt: new Date(now.getTime() - 3_600_000) } } })
    if (lastHour >= CONFIRMS_PER_HOUR) return
    const token = randomToken()
    const data = { frequency: input.frequency, confirmTokenHash: sha256(token), confirmSentAt: now, topic: topic as Prisma.InputJsonValue }
    const subscription = existing
      ? await tx.subscription.update({ where: { id: existing.id }, data })
      : await tx.subscription.create({ data: { ...data, email: input.email, topicKey: key, salt: randomToken() } })
    await queueConfirmation(tx, settings, subscription, title, token, now)
  })
  return { title }
}

async function queueConfirmation(tx: Tx, settings: MailSettings, subscription: { id: number; salt: string; email: string; frequency: string }, title: string, token: string, now: Date) {
  const confirmUrl = `${settings.origin}/follow/confirm?token=${token}`
  await tx.outgoingMail.create({
    data: {
      subscriptionId: subscription.id,
      kind: 'CONFIRM',
      to: subscription.email,
      subject: `请确认订阅：${title}`,
      text: [
        '您好：',
        '',
        `有人（希望是您本人）用这个邮箱订阅了“三张清单一张网”的：${title}（${subscription.frequency === 'WEEKLY' ? '每周摘要' : '即时通知'}）。`,
        `请打开以下链接确认订阅；确认之前，我们不会再给您发送任何邮件：`,
        confirmUrl,
        '',
        '如果不是您本人操作，请忽略本邮件，订阅不会生效。',
        ...mailFooter(settings, subscription, title),
      ].join('\n'),
      unsubscribeUrl: oneClickUnsubscribeUrl(settings, subscription),
      nextAttemptAt: now,
    },
  })
}

/** Where a subscription confirmed now starts: after everything published so far. */
async function currentCursor(db: Db | Tx, topic: Topic): Promise<number> {
  const last = topic.kind === 'announcements'
    ? await db.announcement.findFirst({ orderBy: { id: 'desc' }, select: { id: true } })
    : await db.recordVersion.findFirst({ orderBy: { id: 'desc' }, select: { id: true } })
  return last?.id ?? 0
}

/** Confirms the subscription a confirmation link names; from now on its changes are mailed. */
export async function confirmSubscription(db: Db, token: string, now = new Date()): Promise<{ title: string; frequency: string }> {
  return db.$transaction(async (tx) => {
    const subscription = await tx.subscription.findUnique({ where: { confirmTokenHash: sha256(token) } })
    if (!subscription) throw new SubscriptionError(404, 'SUBSCRIPTION_NOT_FOUND', '确认链接无效或已使用过；如需订阅，请重新提交')
    const topic = subscription.topic as Topic
    await tx.subscription.update({
      where: { id: subscription.id },
      data: { confirmedAt: now, confirmTokenHash: null, cursor: await currentCursor(tx, topic), digestAt: now },
    })
    return { title: await topicTitle(tx as Db, topic), frequency: subscription.frequency }
  })
}

/** Removes the subscription an unsubscribe link names, and any mail of it not yet sent. */
export async function unsubscribe(db: Db, key: string, token: string): Promise<{ title: string }> {
  const [id, mac] = token.split('.')
  const subscription = /^\d{1,9}$/.test(id ?? '') ? await db.subscription.findUnique({ where: { id: Number(id) } }) : null
  const expected = subscription ? unsubscribeToken(key, subscription).split('.')[1]! : ''
  if (!subscription || !mac || mac.length !== expected.length || !timingSafeEqual(Buffer.from(mac), Buffer.from(expected))) {
    throw new SubscriptionError(404, 'SUBSCRIPTION_NOT_FOUND', '退订链接无效，或该订阅已退订')
  }
  const title = await topicTitle(db, subscription.topic as Topic)
  await db.$transaction([
    db.outgoingMail.deleteMany({ where: { subscriptionId: subscription.id, status: 'PENDING' } }),
    db.subscription.delete({ where: { id: subscription.id } }),
  ])
  return { title }
}
