// 一件事 as the portal and the public API show them: the events on offer, one event with its steps
// and what each step's items ask of the applicant, and the events a search query names.
import type { Db, Prisma } from '../../utils/prisma'
import type { OnlineLevel } from '../../../shared/guides'
import type { LifeEventListQuery, LifeEventSummary, LifeEventView } from '../../../shared/life-events'

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

/** Spaces and punctuation say nothing about what a citizen wants. */
function normalise(text: string): string {
  return text.toLowerCase().replace(/[\s\p{P}\p{S}]+/gu, '')
}

/**
 * How strongly a query names an event: the longest of its title and keywords the query holds (我想
 * 开个火锅店 holds 火锅店), or that holds the query when the query is at least three characters
 * (新生儿 → 新生儿出生). Two-character fragments alone (户口) name too many things to count.
 */
export function lifeEventScore(query: string, event: { title: string; keywords: string[] }): number {
  const q = normalise(query)
  if (q.length < 2) return 0
  let best = 0
  for (const term of [event.title, ...event.keywords].map(normalise)) {
    if (term.length >= 2 && q.includes(term)) best = Math.max(best, term.length)
    else if (q.length >= 3 && term.includes(q)) best = Math.max(best, q.length)
  }
  return best
}

/** The events on offer (by audience), or those a query names, best match first. */
export async function listLifeEvents(db: Db, query: LifeEventListQuery): Promise<LifeEventSummary[]> {
  const rows = await db.lifeEvent.findMany({
    where: { status: 'IN_FORCE', ...(query.audience ? { audience: query.audience } : {}) },
    orderBy: [{ sortOrder: 'asc' }, { id: 'asc' }],
    include: publicInclude,
  })
  if (query.q === undefined) return rows.map(summary)
  return matchLifeEvents(rows, query.q).map(summary)
}

/** The events whose title or keywords the query names, strongest first; at most three. */
export function matchLifeEvents<T extends { title: string; keywords: string[] }>(events: T[], query: string): T[] {
  return events
    .map((event) => ({ event, score: lifeEventScore(query, event) }))
    .filter((m) => m.score > 0)
    .sort((a, b) => b.score - a.score)
    .slice(0, 3)
    .map((m) => m.event)
}

export async function getLifeEvent(db: Db, slug: string): Promise<LifeEventView | null> {
  const row = await db.lifeEvent.findUnique({ where: { slug }, include: publicInclude })
  return row && row.status === 'IN_FORCE' ? view(row) : null
}
