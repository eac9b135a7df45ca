// 大家都在搜 on the home page. Only two kinds of terms reach it: those the reform office approved,
// and frequent queries of the last 30 days that found something, are words of the portal's own
// vocabulary (a dictionary term or an item's everyday name) and contain no term the office
// blocked. Repeating a query, however often, can only reorder words the portal already uses: an
// outsider cannot put text of their own on the government's home page.
import type { Db } from '../../utils/prisma'
import { KeptValue } from '../../utils/public-cache'
import type { PopularTermInput, PopularTermsPage, PopularTermView } from '../../../shared/search-curation'
import { cityToday } from '../../../shared/city-time'
import { appendAudit, type AuditActor } from '../audit'
import { DictionaryError } from './dictionary'

const SHOWN = 10
/** On a portal that has seen no search yet and has no approved term, common needs stand in (blocked terms excepted). */
const STARTING_LIST = ['办护照', '身份证丢了', '养狗', '低保', '开小吃店', '接自来水', '开网吧', '环评', '社保卡', '营业执照']
const WINDOW_DAYS = 30
/** A query needs this many searches that found something before it can show. */
const MIN_FOUND = 3
/** The terms are chosen again after a minute: searches earn their place without a commit. */
const kept = new KeptValue<string[]>(60_000)

async function vocabulary(db: Db): Promise<Set<string>> {
  const [synonyms, aliases] = await Promise.all([
    db.synonym.findMany({ select: { term: true, targets: true } }),
    db.$queryRaw<{ alias: string }[]>`SELECT DISTINCT unnest(aliases) AS alias FROM "PowerItem" WHERE status <> 'CANCELLED'`,
  ])
  return new Set([...synonyms.flatMap((s) => [s.term, ...s.targets]), ...aliases.map((a) => a.alias)].map((w) => w.toLowerCase()))
}

async function computePopular(db: Db): Promise<string[]> {
  const since = new Date(Date.parse(cityToday()) - WINDOW_DAYS * 86_400_000).toISOString().slice(0, 10)
  const [chosen, frequent, known, searched] = await Promise.all([
    db.popularTerm.findMany({ orderBy: [{ sortOrder: 'asc' }, { term: 'asc' }] }),
    db.$queryRaw<{ query: string }[]>`
      SELECT query FROM "SearchQueryStat" WHERE day >= ${since}::date
      GROUP BY query HAVING sum(searches) - sum("zeroResults") >= ${MIN_FOUND}
      ORDER BY sum(searches) - sum("zeroResults") DESC, query LIMIT 200`,
    vocabulary(db),
    db.searchQueryStat.count(),
  ])
  const approved = chosen.filter((t) => t.status === 'APPROVED').map((t) => t.term)
  const blocked = chosen.filter((t) => t.status === 'BLOCKED').map((t) => t.term.toLowerCase())
  const isBlocked = (term: string) => blocked.some((b) => term.toLowerCase().includes(b))
  const earned = frequent.map((f) => f.query).filter((q) => known.has(q) && !isBlocked(q) && !approved.includes(q))
  const shown = [...approved.filter((t) => !isBlocked(t)), ...earned]
  const fresh = searched === 0 && !approved.length
  const filled = fresh ? STARTING_LIST.filter((t) => !isBlocked(t)) : shown
  return filled.slice(0, SHOWN)
}

/** The terms of 大家都在搜, as every portal process shows them within a minute of a change. */
export function popularSearches(db: Db): Promise<string[]> {
  return kept.get(() => computePopular(db))
}

/**
 * How long the terms now shown stay as they are (unless a commit changes them first): a public
 * answer or page showing them is kept no longer, so it changes within a minute as they do.
 */
export function popularSearchesFreshFor(): number {
  return kept.freshFor()
}

export function resetPopularCache(): void {
  kept.reset()
}

const toView = (t: { id: number; term: string; status: 'APPROVED' | 'BLOCKED'; sortOrder: number; updatedAt: Date }): PopularTermView =>
  ({ id: t.id, term: t.term, status: t.status, sortOrder: t.sortOrder, updatedAt: t.updatedAt.toISOString() })

export async function listPopularTerms(db: Db): Promise<PopularTermsPage> {
  const items = await db.popularTerm.findMany({ orderBy: [{ status: 'asc' }, { sortOrder: 'asc' }, { term: 'asc' }] })
  return { items: items.map(toView), shown: await computePopular(db) }
}

/** Approves or blocks a term (a second choice for the same term replaces the first), with its audit entry. */
export async function savePopularTerm(db: Db, actor: AuditActor, input: PopularTermInput, requestId?: string): Promise<PopularTermView> {
  const saved = await db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('popular-term'), hashtext(${input.term}))`
    const before = await tx.popularTerm.findUnique({ where: { term: input.term } })
    const after = await tx.popularTerm.upsert({ where: { term: input.term }, create: input, update: { status: input.status, sortOrder: input.sortOrder } })
    await appendAudit(tx, actor, {
      action: before ? 'popular-term.update' : 'popular-term.create', entityType: 'POPULAR_TERM', entityId: after.id,
      before: before ? { term: before.term, status: before.status, sortOrder: before.sortOrder } : null,
      after: { term: after.term, status: after.status, sortOrder: after.sortOrder }, requestId,
    })
    return after
  })
  resetPopularCache()
  return toView(saved)
}

export async function deletePopularTerm(db: Db, actor: AuditActor, id: number, requestId?: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const before = await tx.popularTerm.findUnique({ where: { id } })
    if (!before) throw new DictionaryError(404, 'POPULAR_TERM_NOT_FOUND', '该词语不存在或已被删除')
    await tx.popularTerm.delete({ where: { id } })
    await appendAudit(tx, actor, { action: 'popular-term.delete', entityType: 'POPULAR_TERM', entityId: id, before: { term: before.term, status: before.status, sortOrder: before.sortOrder }, requestId })
  })
  resetPopularCache()
}
