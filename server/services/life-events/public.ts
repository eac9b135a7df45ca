// 一件事 as the portal and the public API show them: the events on offer, one event with its steps
// and what each step's items ask of the applicant, and the events a search query names (shown
// above its hits).
import type { Db, Prisma } from '../../utils/prisma'
import type { OnlineLevel } from '../../../shared/guides'
import type { LifeEventList, LifeEventListQuery, LifeEventSummary, LifeEventView } from '../../../shared/life-events'
import { analyzeQuery, normalizeQuery, type QueryAnalysis } from '../search/analysis'
import { searchContext } from '../search/context'
import { KeptValue } from '../../utils/public-cache'

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

/** What a summary needs of an event's steps. */
const summaryInclude = { steps: { select: { items: { select: { powerItemId: true } } } } } as const satisfies Prisma.LifeEventInclude
type SummaryRow = Prisma.LifeEventGetPayload<{ include: typeof summaryInclude }>

function summary(row: SummaryRow): LifeEventSummary {
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

/** An event as a query names it; `names` are its title and keywords as `eventNames` reads them, when kept. */
type NamedEvent = { title: string; keywords: string[]; names?: string[] }

/** An event's title and keywords as a query is compared with them: normalised, without spaces. */
export function eventNames(event: { title: string; keywords: string[] }): string[] {
  return [event.title, ...event.keywords].map((n) => normalizeQuery(n).replace(/\s+/g, ''))
}

/**
 * How strongly a query names an event: the longest of its title and keywords the query holds (我想
 * 开个火锅店 holds 火锅店), or the longest word of the query of at least three characters that the
 * title or a keyword holds (新生儿 → 新生儿出生). Two-character words alone (户口) name too many
 * things to count. The query is read as search reads it (traditional characters, fillers).
 */
export function lifeEventScore(query: NamedQuery, event: NamedEvent): number {
  const whole = query.normalized.replace(/\s+/g, '')
  let best = 0
  for (const name of event.names ?? eventNames(event)) {
    if (name.length >= 2 && whole.includes(name)) best = Math.max(best, name.length)
    for (const term of query.terms) if (term.length >= 3 && name.includes(term)) best = Math.max(best, term.length)
  }
  return best
}

/** The events whose title or keywords the query names, strongest first; at most three. */
export function matchLifeEvents<T extends NamedEvent>(events: T[], query: NamedQuery): T[] {
  return events
    .map((event) => ({ event, score: lifeEventScore(query, event) }))
    .filter((m) => m.score > 0)
    .sort((a, b) => b.score - a.score)
    .slice(0, 3)
    .map((m) => m.event)
}

/**
 * The events on offer a query names, as search shows them above its hits: their names read once
 * and their summaries made once, so that a search reads no table for them.
 */
// Every search compares its words with the names of the events on offer: they are read once a
// minute, and again as soon as published content (events included) changes.
const offeredEvents = new KeptValue<(NamedEvent & { names: string[]; summary: LifeEventSummary })[]>(60_000)

export function forgetOfferedEvents(): void {
  offeredEvents.reset()
}

export async function lifeEventsNamedBy(db: Db, query: NamedQuery): Promise<LifeEventSummary[]> {
  const offered = await offeredEvents.get(async () => (await db.lifeEvent.findMany({ where: { status: 'IN_FORCE' }, include: summaryInclude }))
    .map((row) => ({ title: row.title, keywords: row.keywords, names: eventNames(row), summary: summary(row) })))
  return matchLifeEvents(offered, query).map((e) => e.summary)
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
