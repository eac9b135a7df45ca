// Composing the subscription mails: each confirmed subscription due for a mail (at once, or its
// weekly digest) is locked with FOR UPDATE SKIP LOCKED, its new changes since its cursor are
// written into one outgoing mail and the cursor moves past them, in one transaction: whichever
// portal process takes it, a change goes into one mail of a subscription, once.
import type { Db, Prisma } from '../../utils/prisma'
import { feedPath, type Topic } from '../../../shared/follow'
import { listAnnouncements } from '../lists/announcements'
import { ACTION_NAMES, label, LIST_NAMES } from '../labels'
import { followedChanges, topicScope, type FollowedChange, type SearchHandle } from './changes'
import { changeLines, changeTitle, recordPage, topicPage, topicTitle } from './describe'
import { mailFooter, oneClickUnsubscribeUrl } from './subscriptions'
import type { MailSettings } from '../../utils/mail'
import { SearchUnavailableError } from '../search/query'

type Tx = Prisma.TransactionClient

/**
 * How long after a change was published it is mailed: longer than any transaction that writes
 * record versions may run (publication: 120 s), so a change committed late with a smaller id is
 * never passed over by a cursor that already moved beyond it.
 */
export const SETTLE_MS = 3 * 60_000
export const WEEK_MS = 7 * 86_400_000
/** The changes one mail lists in full; the rest are counted, with the page that shows them. */
const LISTED = 50

/** The newest announcement and record version published long enough ago to be mailed. */
async function settled(db: Db, before: Date) {
  const [announcement, version] = await Promise.all([
    db.announcement.findFirst({ where: { publishedAt: { lte: before } }, orderBy: { id: 'desc' }, select: { id: true } }),
    db.recordVersion.findFirst({ where: { validFrom: { lte: before } }, orderBy: { id: 'desc' }, select: { id: true } }),
  ])
  return { announcements: announcement?.id ?? 0, changes: version?.id ?? 0 }
}

/**
 * Composes the mails due now; answers how many. A subscription following a search while
 * Meilisearch is down waits (its cursor stays) and is tried on the next round.
 */
export async function composeDue(db: Db, search: SearchHandle | null, settings: MailSettings, now = new Date(), settleMs = SETTLE_MS): Promise<number> {
  const upTo = await settled(db, new Date(now.getTime() - settleMs))
  const weekAgo = new Date(now.getTime() - WEEK_MS)
  const skipped: number[] = [0]
  let composed = 0
  for (;;) {
    const outcome = await db.$transaction(async (tx) => {
      const [row] = await tx.$queryRaw<{ id: number }[]>`
        SELECT id FROM "Subscription"
        WHERE "confirmedAt" IS NOT NULL
          AND (("topicKey" = 'announcements' AND cursor < ${upTo.announcements}) OR ("topicKey" <> 'announcements' AND cursor < ${upTo.changes}))
          AND (frequency = 'IMMEDIATE' OR "digestAt" IS NULL OR "digestAt" <= ${weekAgo})
          AND id <> ALL(${skipped}::int[])
        ORDER BY id
        LIMIT 1
        FOR UPDATE SKIP LOCKED`
      if (!row) return 'none' as const
      const subscription = await tx.subscription.findUniqueOrThrow({ where: { id: row.id } })
      try {
        return await composeOne(tx, search, settings, subscription, upTo, now) ? 'mail' as const : 'nothing' as const
      } catch (error) {
        if (!(error instanceof SearchUnavailableError)) throw error
        skipped.push(row.id)
        return 'waiting' as const
      }
    }, { timeout: 60_000 })
    if (outcome === 'none') return composed
    if (outcome === 'mail') composed += 1
  }
}

type SubscriptionRow = Prisma.SubscriptionGetPayload<object>

async function composeOne(tx: Tx, search: SearchHandle | null, settings: MailSettings, subscription: SubscriptionRow, upTo: { announcements: number; changes: number }, now: Date): Promise<boolean> {
  const topic = subscription.topic as Topic
  const cursor = topic.kind === 'announcements' ? upTo.announcements : upTo.changes
  const weekly = subscription.frequency === 'WEEKLY'
  const title = await topicTitle(tx as Db, topic)
  const body = topic.kind === 'announcements'
    ? await announcementLines(tx, settings, subscription.cursor, cursor)
    : changeMailLines(settings, await followedChanges(tx as Db, await topicScope(tx as Db, search, topic.filter), { afterId: subscription.cursor, upToId: cursor }))
  await tx.subscription.update({ where: { id: subscription.id }, data: { cursor, ...(weekly ? { digestAt: now } : {}) } })
  if (!body.count) return false
  const intro = weekly ? `您订阅的“${title}”本周有 ${body.count} 项新变化：` : `您订阅的“${title}”有 ${body.count} 项新变化：`
  await tx.outgoingMail.create({
    data: {
      subscriptionId: subscription.id,
      kind: weekly ? 'DIGEST' : 'CHANGES',
      to: subscription.email,
      subject: `${weekly ? '每周摘要' : '新变化'}：${title}（${body.count} 项）`,
      text: [
        '您好：',
        '',
        intro,
        '',
        ...body.lines,
        '',
        `在网站上查看：${settings.origin}${topicPage(topic)}`,
        `Atom 订阅源：${settings.origin}${feedPath(topic)}`,
        ...mailFooter(settings, subscription, title),
      ].join('\n'),
      unsubscribeUrl: oneClickUnsubscribeUrl(settings, subscription),
      changes: body.count,
      nextAttemptAt: now,
    },
  })
  return true
}

function changeMailLines(settings: MailSettings, changes: FollowedChange[]): { count: number; lines: string[] } {
  const lines = changes.slice(0, LISTED).flatMap((c, i) => [
    `${i + 1}. ${changeTitle(c)}`,
    ...changeLines(c).map((l) => `   ${l.replace(/\n/g, '\n   ')}`),
    `   详情：${settings.origin}${recordPage(c)}`,
    '',
  ])
  if (changes.length > LISTED) lines.push(`另有 ${changes.length - LISTED} 项变更，请在网站上查看。`)
  return { count: changes.length, lines }
}

async function announcementLines(tx: Tx, settings: MailSettings, after: number, upTo: number): Promise<{ count: number; lines: string[] }> {
  const announcements = (await listAnnouncements(tx as Db)).filter((a) => a.id > after && a.id <= upTo).reverse()
  const lines = announcements.flatMap((a, i) => [
    `${i + 1}. ${a.title}${a.documentNo ? `（${a.documentNo}）` : ''}`,
    `   自${a.effectiveDate}起施行，共调整 ${a.counts.total} 项：${a.counts.lists.map((l) => `${label(LIST_NAMES, l.list)} ${l.actions.map((x) => `${label(ACTION_NAMES, x.action)} ${x.count} 项`).join('、')}`).join('；')}`,
    `   详情：${settings.origin}/announcements/${a.id}`,
    '',
  ])
  return { count: announcements.length, lines }
}
