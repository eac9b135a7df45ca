// What the public can follow (Atom feeds and email subscriptions): the adjustment announcements,
// or the changes to the records that match a filter of the lists or a search, one list, one
// department or one record. A topic is the same in a feed's query string and a subscription.
import { z } from 'zod'
import type { Topic } from './follow-topics'
import { oneOrMany, recordId } from './query'
import { ITEM_TYPE_KEYS } from './item-types'
import { ADMIN_LEVELS, ALLOCATION_METHODS, DUTY_KINDS, ITEM_STATUSES, LIST_KINDS } from './lists'

/** The filters of a topic of changes: those of the list pages and of the search, and one record by its code. */
export const changeTopicSchema = z.object({
  list: oneOrMany(z.enum(LIST_KINDS)),
  dept: oneOrMany(recordId),
  /** an item type, or (as the search's type facet has it) a duty kind or an allocation method */
  type: oneOrMany(z.enum([...ITEM_TYPE_KEYS, ...DUTY_KINDS, ...ALLOCATION_METHODS])),
  kind: oneOrMany(z.enum(DUTY_KINDS)),
  method: oneOrMany(z.enum(ALLOCATION_METHODS)),
  status: oneOrMany(z.enum(ITEM_STATUSES)),
  level: oneOrMany(z.enum(ADMIN_LEVELS)),
  year: oneOrMany(z.coerce.number().int().min(1949).max(2100)),
  /** the words of a search: the records it finds (its first 200) */
  q: z.string().trim().max(100, '搜索词不能超过100个字符').optional().transform((v) => v || undefined),
  /** one record: a power item's, duty's or fund's code */
  code: z.string().trim().min(1).max(200).regex(/^[0-9A-Za-z_-]+$/, '编码只能包含字母、数字、下划线和连字符').optional(),
}).strict()
export type ChangeTopic = z.output<typeof changeTopicSchema>

export { feedPath, topicCandidate, topicKey, topicParams, type Topic, type TopicSource } from './follow-topics'

/** A changes topic from a page's filters (topicCandidate); null if they hold no valid topic. */
export function topicFromFilters(candidate: Record<string, unknown>): Topic | null {
  const parsed = changeTopicSchema.safeParse(candidate)
  return parsed.success ? { kind: 'changes', filter: parsed.data } : null
}

export const FEED_CONTENT_TYPE = 'application/atom+xml; charset=utf-8'
/** How many entries a feed carries: the newest changes; older ones are on the pages and in the open data. */
export const FEED_ENTRIES = 50

export const SUBSCRIPTION_FREQUENCIES = ['IMMEDIATE', 'WEEKLY'] as const
export type SubscriptionFrequency = (typeof SUBSCRIPTION_FREQUENCIES)[number]

export const topicSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('announcements') }).strict(),
  z.object({ kind: z.literal('changes'), filter: changeTopicSchema }).strict(),
])

/** A subscription as the form sends it: the address, what to follow and how often. */
export const subscribeSchema = z.object({
  email: z.string().trim().toLowerCase().max(254, '邮箱地址太长').pipe(z.email('请填写有效的邮箱地址')),
  topic: topicSchema,
  frequency: z.enum(SUBSCRIPTION_FREQUENCIES, '请选择即时通知或每周摘要'),
}).strict()
export type SubscribeInput = z.output<typeof subscribeSchema>

/** The token of a confirmation or an unsubscribe link, as the page sends it back. */
/**
 * The address of every mail's List-Unsubscribe header (RFC 8058): a mail client POSTs
 * `List-Unsubscribe=One-Click` to it, with the token in the query and no session, and the
 * subscription ends; a client that opens it instead is sent to the unsubscribe page.
 */
export const ONE_CLICK_UNSUBSCRIBE_PATH = '/api/subscriptions/one-click'

export const subscriptionTokenSchema = z.object({
  token: z.string().trim().min(16, '链接不完整').max(200, '链接不完整').regex(/^[0-9A-Za-z_.-]+$/, '链接不完整'),
}).strict()

/** What the subscription pages show of a topic. */
export interface TopicView { title: string; feed: string }

/** A mail of the outbox as the back office's mailbox shows it (address and body are empty once sent). */
export interface MailboxEntry {
  id: number
  kind: 'CONFIRM' | 'CHANGES' | 'DIGEST'
  status: 'PENDING' | 'SENDING' | 'SENT' | 'KEPT' | 'UNCERTAIN' | 'FAILED'
  to: string
  subject: string
  text: string
  changes: number
  createdAt: string
  sentAt: string | null
  lastError: string | null
}

export interface Mailbox { smtp: boolean; counts: Partial<Record<MailboxEntry['status'], number>>; mails: MailboxEntry[] }
