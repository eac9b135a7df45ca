// A followed topic and its changes in words, the same in the feeds and in the mails: what the
// topic covers, and one change as a title, a page to open and lines of text.
import type { Db } from '../../utils/prisma'
import { itemTypeByKey } from '../../../shared/item-types'
import { topicParams, type ChangeTopic, type Topic } from '../../../shared/follow'
import { ACTION_NAMES, DUTY_TYPE_NAMES, ENTITY_NAMES, fieldChangeText, label, LEVEL_NAMES, LIST_NAMES, METHOD_NAMES, STATUS_NAMES } from '../labels'
import { LISTS } from '../../../shared/lists'
import { cityToday } from '../../../shared/city-time'
import type { FollowedChange } from './changes'

/** "权力清单 · 广安市公安局 · 搜索“护照”": what a topic follows, for a feed's or a mail's title. */
export async function topicTitle(db: Db, topic: Topic): Promise<string> {
  if (topic.kind === 'announcements') return '清单调整公告'
  const f: ChangeTopic = topic.filter
  const departments = f.dept.length ? await db.department.findMany({ where: { id: { in: [...f.dept] } }, select: { name: true }, orderBy: { sortOrder: 'asc' } }) : []
  const parts = [
    f.list.map((l) => label(LIST_NAMES, l)).join('、'),
    departments.map((d) => d.name).join('、'),
    f.type.map((v) => itemTypeByKey(v)?.zh ?? label({ ...DUTY_TYPE_NAMES, ...METHOD_NAMES }, v)).join('、'),
    f.kind.map((v) => label(DUTY_TYPE_NAMES, v)).join('、'),
    f.method.map((v) => label(METHOD_NAMES, v)).join('、'),
    f.level.map((v) => label(LEVEL_NAMES, v)).join('、'),
    f.status.map((v) => label(STATUS_NAMES, v)).join('、'),
    f.year.map((y) => `${y}年度`).join('、'),
    f.q ? `搜索“${f.q}”` : '',
    f.code ? `编码 ${f.code}` : '',
  ].filter(Boolean)
  return `${parts.length ? parts.join(' · ') : '三张清单'}的变更`
}

/** The public page a topic's changes are seen on. */
export function topicPage(topic: Topic): string {
  if (topic.kind === 'announcements') return '/announcements'
  const f = topic.filter
  if (f.q) return `/search?${new URLSearchParams(topicParams({ ...f, code: undefined, kind: [], method: [], level: [] }))}`
  const page = f.list.length === 1 ? { power: '/power', responsibility: '/responsibility', fund: '/funds' }[f.list[0]!] : '/search'
  const params = topicParams({ ...f, list: [], code: undefined, q: f.code })
  return `${page}${params.length ? `?${new URLSearchParams(params)}` : ''}`
}

/** The page a change's record is read on. */
export function recordPage(change: Pick<FollowedChange, 'list' | 'code'>): string {
  if (change.list === 'power') return `/items/${encodeURIComponent(change.code)}`
  if (change.list === 'fund') return `/funds/${encodeURIComponent(change.code)}`
  return `/search?${new URLSearchParams({ q: change.code, list: 'responsibility' })}`
}

/** 调整权力事项：普通护照签发（000…）, marked 示例 when it is the portal's own demo content. */
export function changeTitle(change: FollowedChange): string {
  const noun = ENTITY_NAMES[LISTS[change.list].entityType]
  return `${change.isDemo ? '【示例】' : ''}${label(ACTION_NAMES, change.action)}${noun}：${change.name}（${change.code}）`
}

/** The change as lines of text: where, when, on which document and why, then each field old → new. */
export function changeLines(change: FollowedChange): string[] {
  return [
    `实施主体：${change.department}`,
    `生效时间：${cityToday(change.at)}`,
    ...(change.documentNo ? [`文号：${change.documentNo}`] : []),
    ...(change.reason ? [`理由：${change.reason}`] : []),
    ...change.changes.map(fieldChangeText),
    ...(change.isDemo ? ['（示例数据，仅供演示）'] : []),
  ]
}
