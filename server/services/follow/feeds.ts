// The Atom feeds (GET /api/feeds/announcements, GET /api/feeds/changes?<topic>): the newest
// adjustment announcements, or the newest published changes of the records a topic follows.
// Read from PostgreSQL on each request, so every portal process serves the same feed.
import type { Db } from '../../utils/prisma'
import { FEED_ENTRIES, feedPath, topicKey, type ChangeTopic, type Topic } from '../../../shared/follow'
import { listAnnouncements } from '../lists/announcements'
import { ACTION_NAMES, label, LIST_NAMES } from '../labels'
import { atomXml, type AtomEntry } from './atom'
import { followedChanges, topicScope, type SearchHandle } from './changes'
import { changeLines, changeTitle, recordPage, topicPage, topicTitle } from './describe'

const AUTHOR = '广安市机构编制委员会办公室（审改办）'

/** A stable id for everything a feed names, under the portal's host. */
const tagId = (origin: string, what: string) => `tag:${new URL(origin).hostname},2026:${what}`

/** A topic's feed: its title, its page and itself, and its entries, newest first. */
async function topicFeed(db: Db, origin: string, topic: Topic, subtitle: string, entries: AtomEntry[]): Promise<string> {
  return atomXml({
    id: tagId(origin, topicKey(topic)),
    title: await topicTitle(db, topic),
    subtitle,
    self: `${origin}${feedPath(topic)}`,
    alternate: `${origin}${topicPage(topic)}`,
    author: AUTHOR,
    updated: entries[0]?.updated ?? new Date(0),
    entries,
  })
}

export async function announcementsFeed(db: Db, origin: string): Promise<string> {
  const topic: Topic = { kind: 'announcements' }
  const announcements = (await listAnnouncements(db)).slice(0, FEED_ENTRIES)
  const entries: AtomEntry[] = announcements.map((a) => ({
    id: tagId(origin, `announcement/${a.id}`),
    title: a.title,
    updated: new Date(a.publishedAt),
    link: `${origin}/announcements/${a.id}`,
    categories: a.counts.lists.map((l) => label(LIST_NAMES, l.list)),
    content: [
      `${a.version.year}年第${a.version.batch}批，自${a.effectiveDate}起施行${a.documentNo ? `（${a.documentNo}）` : ''}`,
      `共调整 ${a.counts.total} 项：${a.counts.lists.map((l) => `${label(LIST_NAMES, l.list)} ${l.actions.map((x) => `${label(ACTION_NAMES, x.action)} ${x.count} 项`).join('、')}`).join('；')}`,
    ].join('\n'),
  }))
  return topicFeed(db, origin, topic, '三张清单一张网：权力清单、责任清单、财政专项资金管理清单的每一批调整', entries)
}

export async function changesFeed(db: Db, search: SearchHandle, origin: string, filter: ChangeTopic): Promise<string> {
  const topic: Topic = { kind: 'changes', filter }
  const changes = await followedChanges(db, await topicScope(db, search, filter), { take: FEED_ENTRIES })
  const entries: AtomEntry[] = changes.map((c) => ({
    id: tagId(origin, `record-version/${c.id}`),
    title: changeTitle(c),
    updated: c.at,
    link: `${origin}${recordPage(c)}`,
    categories: [label(LIST_NAMES, c.list), label(ACTION_NAMES, c.action), c.department],
    content: changeLines(c).join('\n'),
  }))
  return topicFeed(db, origin, topic, '每一项已发布的变更：新增、取消、下放、调整，附文号、理由和变更前后的内容', entries)
}
