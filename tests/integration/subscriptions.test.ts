// Email subscriptions against a real SMTP server (smtp-server on 127.0.0.1): double opt-in, the
// delivery of a published change, exactly once across a worker restart and across two workers of
// two processes sharing PostgreSQL, the weekly digest, unsubscribe, the demo without SMTP, and
// what is stored (no token in clear, no address or body once sent).
import { createTransport, type Transporter } from 'nodemailer'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { AuditActor } from '../../server/services/audit'
import { createDraft, decide, submitDraft } from '../../server/services/workflow/change-requests'
import { createListVersion, publishListVersion } from '../../server/services/workflow/list-versions'
import { confirmSubscription, subscribe as subscribeFrom, SUBSCRIBE_LIMITS, SubscriptionError, unsubscribe } from '../../server/services/follow/subscriptions'
import { composeDue, WEEK_MS } from '../../server/services/follow/compose'
import { mailbox, sendDue } from '../../server/services/follow/send'
import { startMailWorker } from '../../server/services/follow/worker'
import { openDatabase, type DbHandle } from '../../server/utils/prisma'
import { draftInputSchema, type DraftInput } from '../../shared/drafts'
import { cityToday } from '../../shared/city-time'
import type { Topic } from '../../shared/follow'
import { startSmtpSink, type SmtpSink } from '../helpers/smtp'
import { createEditorAndOffice, createTestEnv, type TestEnv } from '../helpers/services'

let env: TestEnv
let smtp: SmtpSink
let transport: Transporter
let police: { id: number }
let editor: AuditActor & { id: number }
let office: AuditActor & { id: number }
let items: { id: number; code: string; name: string; aliases: string[]; type: string; level: string; timeLimit: string | null }[]
let batch = 40

const settings = { origin: 'https://qingdan.example.gov.cn', key: 'a-test-key-for-the-unsubscribe-links-0123456789' }
const FROM = '三张清单一张网 <noreply@qingdan.example.gov.cn>'
const db = () => env.db.prisma
const policeTopic = (): Topic => ({ kind: 'changes', filter: { list: [], dept: [police.id], type: [], kind: [], method: [], status: [], level: [], year: [], q: undefined } })
const search = () => ({ meili: env.meili, indexUid: env.config.meiliIndex })
/** One round of a worker: compose what is due (no settling delay in the test), then send. */
const round = async (now = new Date()) => {
  await composeDue(db(), search(), settings, now, 0)
  return sendDue(db(), { transport, from: FROM }, now)
}
let clients = 0
/** The form sent from a client address of its own each time, unless one is given (the limits per address are tested on their own). */
const subscribe = (database: Parameters<typeof subscribeFrom>[0], mailSettings: typeof settings, input: Parameters<typeof subscribeFrom>[2], client = `198.51.100.${++clients}`) => subscribeFrom(database, mailSettings, input, client)
const mailsTo = (address: string) => smtp.received.filter((m) => m.to.includes(address))
const linkIn = (text: string, page: 'confirm' | 'unsubscribe') => new RegExp(`${settings.origin}/follow/${page}\\?token=([0-9A-Za-z_.-]+)`).exec(text)?.[1]

/** Publishes today a new time limit for one item, with a public reason. */
async function publishChange(item: (typeof items)[number], timeLimit: string) {
  batch += 1
  const documentNo = `广安审改〔2026〕${batch}号`
  const { id } = await createDraft(db(), editor, police.id, draftInputSchema.parse({ action: 'UPDATE', entityId: item.id, payload: { name: item.name, aliases: item.aliases, type: item.type, level: item.level, timeLimit } }) as DraftInput)
  await submitDraft(db(), editor, id, '内部理由')
  await decide(db(), office, id, { outcome: 'APPROVED', documentNo, effectiveDate: cityToday(), comment: '内部备注', publicReason: `压缩时限至${timeLimit}` })
  const version = await createListVersion(db(), office, { title: `${documentNo}调整`, documentNo, effectiveDate: cityToday(), changeRequestIds: [id] })
  await publishListVersion(db(), office, version.id, new Date())
  item.timeLimit = timeLimit
  return documentNo
}

/** Subscribes and confirms through the link of the confirmation mail, as a reader would. */
async function subscribed(email: string, frequency: 'IMMEDIATE' | 'WEEKLY', topic = policeTopic()) {
  await subscribe(db(), settings, { email, topic, frequency })
  await round()
  const token = linkIn(mailsTo(email).at(-1)!.text, 'confirm')!
  await confirmSubscription(db(), token)
}

beforeAll(async () => {
  env = await createTestEnv({ realData: true })
  smtp = await startSmtpSink()
  transport = createTransport(smtp.url)
  police = await db().department.findUniqueOrThrow({ where: { name: '区公安分局' } })
  items = await db().powerItem.findMany({ where: { departmentId: police.id, status: 'IN_FORCE', type: 'LICENSING' }, orderBy: { code: 'asc' }, take: 8 })
  ;({ editor, office } = await createEditorAndOffice(db(), police.id))
}, 240_000)

afterAll(async () => {
  transport?.close()
  await smtp?.close()
  await env?.close()
})

beforeEach(async () => { await round() })

describe('email subscriptions', () => {
  it('send nothing about the topic before the address confirms (double opt-in)', async () => {
    const answer = await subscribe(db(), settings, { email: 'lawyer@example.com', topic: policeTopic(), frequency: 'IMMEDIATE' })
    expect(answer.title).toBe('区公安分局的变更')
    await publishChange(items[0]!, '9个工作日')
    await round()
    const mails = mailsTo('lawyer@example.com')
    expect(mails.map((m) => m.subject)).toEqual(['请确认订阅：区公安分局的变更'])
    expect(mails[0]!.text).toContain('确认之前，我们不会再给您发送任何邮件')
    // RFC 8058: the mail client can end the subscription with one POST.
    expect(mails[0]!.headers['list-unsubscribe']).toMatch(new RegExp(`^<${settings.origin}/api/subscriptions/one-click\\?token=[0-9A-Za-z_.-]+>$`))
    expect(mails[0]!.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click')

    // Asking again at once sends no second confirmation, and says the same.
    expect(await subscribe(db(), settings, { email: 'lawyer@example.com', topic: policeTopic(), frequency: 'IMMEDIATE' })).toEqual(answer)
    await round()
    expect(mailsTo('lawyer@example.com')).toHaveLength(1)

    await expect(confirmSubscription(db(), 'not-the-token-of-any-mail-0000')).rejects.toThrow(SubscriptionError)
    const token = linkIn(mails[0]!.text, 'confirm')!
    expect(await confirmSubscription(db(), token)).toEqual({ title: '区公安分局的变更', frequency: 'IMMEDIATE' })
    await expect(confirmSubscription(db(), token)).rejects.toMatchObject({ status: 404, code: 'SUBSCRIPTION_NOT_FOUND' })
    // The change published before the confirmation is not mailed afterwards.
    await round()
    expect(mailsTo('lawyer@example.com')).toHaveLength(1)
  })

  it('delivers a published change with its document, reason and old → new value, and an unsubscribe link', async () => {
    const item = items[1]!
    const before = item.timeLimit
    const documentNo = await publishChange(item, '4个工作日')
    await round()
    const mail = mailsTo('lawyer@example.com').at(-1)!
    expect(mail.subject).toBe('新变化：区公安分局的变更（1 项）')
    expect(mail.text).toContain(`修改权力事项：${item.name}（${item.code}）`)
    expect(mail.text).toContain(`文号：${documentNo}`)
    expect(mail.text).toContain('理由：压缩时限至4个工作日')
    expect(mail.text).toContain(`承诺时限：${before ?? '（空）'} → 4个工作日`)
    expect(mail.text).toContain(`${settings.origin}/items/${item.code}`)
    expect(mail.text).not.toContain('内部')
    expect(linkIn(mail.text, 'unsubscribe')).toBeTruthy()
    // Once sent, the outbox keeps neither the address nor the body.
    const stored = await db().outgoingMail.findMany({ where: { status: 'SENT' } })
    expect(stored.length).toBeGreaterThan(0)
    expect(stored.every((m) => m.to === '' && m.text === '')).toBe(true)
  })

  it('mails each change exactly once across a worker restart and two workers of two processes', async () => {
    const second: DbHandle = await openDatabase(env.config)
    try {
      const first = items[2]!
      await publishChange(first, '6个工作日')
      // Worker A composes, then stops before sending; worker B, started afresh, sends.
      await composeDue(db(), search(), settings, new Date(), 0)
      const seen = mailsTo('lawyer@example.com').length
      const restarted = startMailWorker(second.prisma, search(), settings, { transport, from: FROM }, { intervalMs: 50, settleMs: 0 })
      await expect.poll(() => mailsTo('lawyer@example.com').length, { timeout: 20_000 }).toBe(seen + 1)
      await restarted.stop()

      // Two workers at once, on two connections, while three more changes are published.
      const a = startMailWorker(db(), search(), settings, { transport, from: FROM }, { intervalMs: 20, settleMs: 0 })
      const b = startMailWorker(second.prisma, search(), settings, { transport, from: FROM }, { intervalMs: 20, settleMs: 0 })
      const published = [items[3]!, items[4]!, items[5]!]
      for (const item of published) await publishChange(item, `${item.id % 7 + 2}个工作日`)
      await expect.poll(() => mailsTo('lawyer@example.com').slice(seen + 1).flatMap((m) => m.text.match(/修改权力事项：/g) ?? []).length, { timeout: 30_000 }).toBe(3)
      await a.stop()
      await b.stop()
      await round()
      const texts = mailsTo('lawyer@example.com').map((m) => m.text).join('\n')
      for (const item of [first, ...published]) expect(texts.split(`修改权力事项：${item.name}（${item.code}）`).length - 1, item.code).toBe(1)
    } finally {
      await second.close()
    }
  }, 120_000)

  it('never sends again a mail whose sending was cut off', async () => {
    await publishChange(items[6]!, '8个工作日')
    await composeDue(db(), search(), settings, new Date(), 0)
    const seen = mailsTo('lawyer@example.com').length
    // A worker claimed it and died before marking it sent.
    await db().outgoingMail.updateMany({ where: { status: 'PENDING' }, data: { status: 'SENDING', lockedUntil: new Date(Date.now() - 1000) } })
    await round()
    expect(mailsTo('lawyer@example.com')).toHaveLength(seen)
    expect(await db().outgoingMail.count({ where: { status: 'UNCERTAIN' } })).toBe(1)
  })

  it('gathers a week of changes into one digest for a weekly subscription', async () => {
    await subscribed('journalist@example.com', 'WEEKLY')
    const before = mailsTo('journalist@example.com').length
    await publishChange(items[0]!, '11个工作日')
    await publishChange(items[1]!, '12个工作日')
    await round()
    expect(mailsTo('journalist@example.com')).toHaveLength(before)
    await round(new Date(Date.now() + WEEK_MS + 60_000))
    const digest = mailsTo('journalist@example.com').at(-1)!
    expect(digest.subject).toBe('每周摘要：区公安分局的变更（2 项）')
    expect(digest.text).toContain('本周有 2 项新变化')
    expect(digest.text).toContain(`${items[0]!.name}（${items[0]!.code}）`)
    expect(digest.text).toContain(`${items[1]!.name}（${items[1]!.code}）`)
    await round(new Date(Date.now() + WEEK_MS + 120_000))
    expect(mailsTo('journalist@example.com')).toHaveLength(before + 1)
  })

  it('stops at once when the link of a mail is followed to unsubscribe', async () => {
    const mail = mailsTo('lawyer@example.com').at(-1)!
    const token = linkIn(mail.text, 'unsubscribe')!
    await expect(unsubscribe(db(), settings.key, `${token.split('.')[0]}.forged-signature-of-nobody`)).rejects.toMatchObject({ status: 404 })
    await expect(unsubscribe(db(), 'another-key-another-key-another-key', token)).rejects.toMatchObject({ status: 404 })
    expect(await unsubscribe(db(), settings.key, token)).toEqual({ title: '区公安分局的变更' })
    await expect(unsubscribe(db(), settings.key, token)).rejects.toMatchObject({ status: 404, code: 'SUBSCRIPTION_NOT_FOUND' })
    const seen = mailsTo('lawyer@example.com').length
    await publishChange(items[7]!, '13个工作日')
    await round()
    expect(mailsTo('lawyer@example.com')).toHaveLength(seen)
    expect(await db().subscription.count({ where: { email: 'lawyer@example.com' } })).toBe(0)
  })

  it('sends one address at most five confirmation mails an hour, whatever the topics', async () => {
    const topics: Topic[] = [2020, 2021, 2022, 2023, 2024, 2025, 2026].map((year) => ({ kind: 'changes', filter: { list: ['fund'], dept: [], type: [], kind: [], method: [], status: [], level: [], year: [year], q: undefined } }))
    for (const topic of topics) await subscribe(db(), settings, { email: 'flooded@example.com', topic, frequency: 'IMMEDIATE' })
    await round()
    expect(mailsTo('flooded@example.com')).toHaveLength(5)
  })

  it('refuses the form with 429 and a retry time beyond the limits of one client address and of one mailbox, across processes', async () => {
    const topic: Topic = { kind: 'announcements' }
    const other = await openDatabase(env.config)
    try {
      // Two processes receive a burst from one address at once: exactly the limit gets through.
      const burst = await Promise.allSettled(Array.from({ length: SUBSCRIBE_LIMITS.perAddress + 6 }, (_, i) => subscribe(i % 2 ? other.prisma : db(), settings, { email: `burst${i}@example.com`, topic, frequency: 'IMMEDIATE' }, '203.0.113.9')))
      const refused = burst.filter((r): r is PromiseRejectedResult => r.status === 'rejected')
      expect(burst.length - refused.length).toBe(SUBSCRIBE_LIMITS.perAddress)
      for (const r of refused) expect(r.reason).toMatchObject({ status: 429, code: 'TOO_MANY_REQUESTS' })
      const retryAt = new Date((refused[0]!.reason as { answer: () => { retryAt: string } }).answer().retryAt)
      expect(retryAt.getTime()).toBeGreaterThan(Date.now())
      expect(retryAt.getTime()).toBeLessThanOrEqual(Date.now() + SUBSCRIBE_LIMITS.windowMs)
      // Nothing was stored for the refused ones.
      expect(await db().subscription.count({ where: { email: { startsWith: 'burst' } } })).toBe(SUBSCRIBE_LIMITS.perAddress)
      // An IPv6 client is one client for its whole /64.
      for (let i = 0; i < SUBSCRIBE_LIMITS.perAddress; i++) await subscribe(db(), settings, { email: `six${i}@example.com`, topic, frequency: 'IMMEDIATE' }, `2001:db8:1:2::${i + 1}`)
      await expect(subscribe(db(), settings, { email: 'six-more@example.com', topic, frequency: 'IMMEDIATE' }, '2001:db8:1:2:ffff::1')).rejects.toMatchObject({ status: 429 })
      // One mailbox, asked for from many addresses, is limited too.
      for (let i = 0; i < SUBSCRIBE_LIMITS.perEmail; i++) await subscribe(i % 2 ? other.prisma : db(), settings, { email: 'target@example.com', topic, frequency: 'IMMEDIATE' })
      await expect(subscribe(db(), settings, { email: 'target@example.com', topic, frequency: 'IMMEDIATE' })).rejects.toMatchObject({ status: 429, code: 'TOO_MANY_REQUESTS' })
    } finally {
      await other.close()
    }
  })

  it('keeps the mails for the demo mailbox when no SMTP server is set, and stores no token in clear', async () => {
    await subscribe(db(), settings, { email: 'demo@example.com', topic: { kind: 'announcements' }, frequency: 'IMMEDIATE' })
    await composeDue(db(), search(), settings, new Date(), 0)
    const before = smtp.received.length
    expect(await sendDue(db(), { transport: null, from: FROM })).toMatchObject({ kept: 1, sent: 0 })
    expect(smtp.received).toHaveLength(before)
    const box = await mailbox(db(), false)
    const kept = box.mails.find((m) => m.to === 'demo@example.com')!
    expect(kept).toMatchObject({ kind: 'CONFIRM', status: 'KEPT', subject: '请确认订阅：清单调整公告' })
    const token = linkIn(kept.text, 'confirm')!
    const row = await db().subscription.findFirstOrThrow({ where: { email: 'demo@example.com' } })
    expect(JSON.stringify(row)).not.toContain(token)
    expect(Object.keys(row).sort()).toEqual(['confirmSentAt', 'confirmTokenHash', 'confirmedAt', 'createdAt', 'cursor', 'digestAt', 'email', 'frequency', 'id', 'salt', 'topic', 'topicKey'])
  })
})
