// 一件事 as the portal and the public API show them: the events on offer, one event with its steps
// and what each step's items ask of the applicant, and the events a search query names (shown
// above its hits).
import type { Db, Prisma } from '../../utils/prisma'
import type { OnlineLevel } from '../../../shared/guides'
import type { LifeEventList, LifeEventListQuery, LifeEventSummary, LifeEventView } from '../../../shared/life-events'
import { analyzeQuery, normalizeQuery, type QueryAnalysis } from '../search/analysis'
import { searchContext } from '../search/context'

/** A query as search reads it: normalised, and the words that carry its meaning. */
type NamedQuery = Pick<QueryAnalysis, 'normalized' | 'terms'>

const publicInclude = {
  steps: {
    orderBy: { sortOrder: 'asc' },
    include: {
      items: {
        orderBy: { sortOrder: 'asc' },
        include: {
          powerItem: {
            select: {
              code: true, name: true, type: true, status: true,
              department: { select: { name: true, code: true } },
              guide: { select: { visits: true, onlineLevel: true, onlineUrl: true, promisedTimeLimitDays: true } },
            },
          },
        },
      },
    },
  },
} as const satisfies Prisma.LifeEventInclude

type PublicRow = Prisma.LifeEventGetPayload<{ include: typeof publicInclude }>

function summary(row: PublicRow): LifeEventSummary {
  return {
    slug: row.slug,
    title: row.title,
    audience: row.audience,
    summary: row.summary,
    stepCount: row.steps.length,
    itemCount: new Set(row.steps.flatMap((s) => s.items.map((i) => i.powerItemId))).size,
    isDemo: row.isDemo,
  }
}

function view(row: PublicRow): LifeEventView {
  return {
    ...summary(row),
    keywords: row.keywords,
    revision: row.revision,
    publishedAt: row.publishedAt.toISOString(),
    steps: row.steps.map((s) => ({
      title: s.title,
      note: s.note,
      items: s.items.map(({ powerItem: item }) => ({
        code: item.code,
        name: item.name,
        type: item.type,
        status: item.status,
        department: item.department,
        visits: item.guide?.visits ?? null,
        online: item.guide?.onlineLevel ? { level: item.guide.onlineLevel as OnlineLevel, url: item.guide.onlineUrl } : null,
        promisedTimeLimitDays: item.guide?.promisedTimeLimitDays ?? null,
      })),
    })),
  }
}

/**
 * How strongly a query names an event: the longest of its title and keywords the query holds (我想
 * 开个火锅店 holds 火锅店), or the longest word of the query of at least three characters that the
 * title or a keyword holds (新生儿 → 新生儿出生). Two-character words alone (户口) name too many
 * things to count. The query is read as search reads it (traditional characters, fillers).
 */
export function lifeEventScore(query: NamedQuery, event: { title: string; keywords: string[] }): number {
  const whole = query.normalized.replace(/\s+/g, '')
  let best = 0
  for (const name of [event.title, ...event.keywords].map((n) => normalizeQuery(n).replace(/\s+/g, ''))) {
    if (name.length >= 2 && whole.includes(name)) best = Math.max(best, name.length)
    for (const term of query.terms) if (term.length >= 3 && name.includes(term)) best = Math.max(best, term.length)
  }
  return best
}

/** The events whose title or keywords the query names, strongest first; at most three. */
export function matchLifeEvents<T extends { title: string; keywords: string[] }>(events: T[], query: NamedQuery): T[] {
  return events
    .map((event) => ({ event, score: lifeEventScore(query, event) }))
    .filter((m) => m.score > 0)
    .sort((a, b) => b.score - a.score)
    .slice(0, 3)
    .map((m) => m.event)
}

/** The events on offer a query names, as search shows them above its hits. */
export async function lifeEventsNamedBy(db: Db, query: NamedQuery): Promise<LifeEventSummary[]> {
  const offered = await db.lifeEvent.findMany({ where: { status: 'IN_FORCE' }, select: { id: true, title: true, keywords: true } })
  const matched = matchLifeEvents(offered, query)
  if (!matched.length) return []
  const rows = await db.lifeEvent.findMany({ where: { id: { in: matched.map((e) => e.id) } }, include: publicInclude })
  return matched.map((e) => summary(rows.find((r) => r.id === e.id)!))
}

/** The events on offer (by audience), or those a query names, best match first. */
export async function listLifeEvents(db: Db, query: LifeEventListQuery): Promise<LifeEventList> {
  if (query.q !== undefined) {
    const named = await lifeEventsNamedBy(db, analyzeQuery(query.q, (await searchContext(db)).query))
    const items = named.filter((e) => !query.audience || e.audience === query.audience)
    return { total: items.length, items }
  }
  const rows = await db.lifeEvent.findMany({
    where: { status: 'IN_FORCE', ...(query.audience ? { audience: query.audience } : {}) },
    orderBy: [{ sortOrder: 'asc' }, { id: 'asc' }],
    include: publicInclude,
  })
  return { total: rows.length, items: rows.map(summary) }
}

export async function getLifeEvent(db: Db, slug: string): Promise<LifeEventView | null> {
  const row = await db.lifeEvent.findUnique({ where: { slug }, include: publicInclude })
  return row && row.status === 'IN_FORCE' ? view(row) : null
}
