// Needs that another level of government handles (往来港澳通行证, 出入境, 公积金, 驾驶证 …):
// the reform office keeps a table of them, and search names who handles one when a query asks
// for it, instead of leaving the citizen with nothing or with a near miss of this district's list.
import type { Db } from '../../utils/prisma'
import { KeptValue } from '../../utils/public-cache'
import type { ReferralInput, ReferralPatch, ReferralView } from '../../../shared/search-curation'
import { appendAudit, type AuditActor } from '../audit'
import { normalizeQuery } from './analysis'
import { DictionaryError } from './dictionary'

type Row = { id: number; keywords: string[]; title: string; handledBy: string; level: ReferralView['level']; note: string; url: string | null; isDemo: boolean; updatedAt: Date }

const audited = (r: Row) => ({ keywords: r.keywords, title: r.title, handledBy: r.handledBy, level: r.level, note: r.note, url: r.url })
const toView = (r: Row): ReferralView => ({ id: r.id, ...audited(r), isDemo: r.isDemo, updatedAt: r.updatedAt.toISOString() })

/** The referrals with their keywords as a query is compared with them, normalised once. */
const kept = new KeptValue<{ view: ReferralView; keywords: string[] }[]>(60_000)

export async function listReferrals(db: Db): Promise<ReferralView[]> {
  return (await db.serviceReferral.findMany({ orderBy: [{ level: 'asc' }, { title: 'asc' }] })).map(toView)
}

/** The needs handled elsewhere that a query names: one of their keywords is in it. */
export async function matchReferrals(db: Db, q: string): Promise<ReferralView[]> {
  const text = normalizeQuery(q).replace(/ /g, '')
  if (!text) return []
  const rows = await kept.get(async () => (await listReferrals(db)).map((view) => ({
    view,
    keywords: view.keywords.map((k) => normalizeQuery(k).replace(/ /g, '')).filter((k) => k.length > 0),
  })))
  return rows.filter((r) => r.keywords.some((k) => text.includes(k))).map((r) => r.view)
}

export function resetReferralCache(): void {
  kept.reset()
}

const notFound = () => new DictionaryError(404, 'REFERRAL_NOT_FOUND', '该条目不存在或已被删除')

export async function createReferral(db: Db, actor: AuditActor, input: ReferralInput, requestId?: string): Promise<ReferralView> {
  const created = await db.$transaction(async (tx) => {
    const row = await tx.serviceReferral.create({ data: input })
    await appendAudit(tx, actor, { action: 'referral.create', entityType: 'SERVICE_REFERRAL', entityId: row.id, after: audited(row), requestId })
    return row
  })
  resetReferralCache()
  return toView(created)
}

export async function updateReferral(db: Db, actor: AuditActor, id: number, patch: ReferralPatch, requestId?: string): Promise<ReferralView> {
  const updated = await db.$transaction(async (tx) => {
    const before = await tx.serviceReferral.findUnique({ where: { id } })
    if (!before) throw notFound()
    // Once the reform office has edited a starting row, it is theirs, no longer an example.
    const after = await tx.serviceReferral.update({ where: { id }, data: { ...patch, isDemo: false } })
    await appendAudit(tx, actor, { action: 'referral.update', entityType: 'SERVICE_REFERRAL', entityId: id, before: audited(before), after: audited(after), requestId })
    return after
  })
  resetReferralCache()
  return toView(updated)
}

export async function deleteReferral(db: Db, actor: AuditActor, id: number, requestId?: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const before = await tx.serviceReferral.findUnique({ where: { id } })
    if (!before) throw notFound()
    await tx.serviceReferral.delete({ where: { id } })
    await appendAudit(tx, actor, { action: 'referral.delete', entityType: 'SERVICE_REFERRAL', entityId: id, before: audited(before), requestId })
  })
  resetReferralCache()
}
