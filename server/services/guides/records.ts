// A published service guide (办事指南) as its three readers need it: the snapshot RecordVersion
// keeps and the review diff compares, the fields an editor's form and the spreadsheet start from,
// and the view the portal and the public API show. Written in one place, so that the workflow and
// the demo import publish guides the same way.
import type { Db, Prisma } from '../../utils/prisma'
import { statesAt } from '../history'
import type { GuideFaq, GuideFields, GuideLegalBasis, GuideSnapshot, GuideStep, GuideView, OnlineLevel, ServiceHallView } from '../../../shared/guides'

type Tx = Prisma.TransactionClient

export const guideInclude = {
  materials: { orderBy: { sortOrder: 'asc' } },
  locations: { orderBy: { sortOrder: 'asc' }, include: { hall: true } },
} as const satisfies Prisma.ServiceGuideInclude

export type GuideRow = Prisma.ServiceGuideGetPayload<{ include: typeof guideInclude }>

const asArray = <T>(value: Prisma.JsonValue): T[] => (Array.isArray(value) ? (value as unknown as T[]) : [])

/** The fields an editor's form and the spreadsheet start from: the draft payload's shape. */
export function guideFields(guide: GuideRow): GuideFields {
  return {
    conditions: guide.conditions,
    materials: guide.materials.map((m) => ({
      name: m.name, required: m.required, requiredWhen: m.requiredWhen, originalCount: m.originalCount, copyCount: m.copyCount,
      form: m.form, source: m.source, issuedBy: m.issuedBy, sampleUrl: m.sampleUrl, note: m.note,
    })),
    steps: asArray<GuideStep>(guide.steps),
    hallIds: guide.locations.map((l) => l.hallId),
    legalTimeLimitDays: guide.legalTimeLimitDays,
    promisedTimeLimitDays: guide.promisedTimeLimitDays,
    feeFree: guide.feeFree,
    feeStandard: guide.feeStandard,
    feeBasis: guide.feeBasis,
    visits: guide.visits ?? 0,
    onlineLevel: guide.onlineLevel,
    onlineUrl: guide.onlineUrl,
    consultPhone: guide.consultPhone,
    complaintPhone: guide.complaintPhone,
    resultName: guide.resultName,
    faqs: asArray<GuideFaq>(guide.faqs),
    legalBasis: asArray<GuideLegalBasis>(guide.legalBasis),
  }
}

/** A guide's fields as a snapshot, halls named: what a proposal and a published guide compare as. */
export function snapshotOf(itemCode: string, fields: GuideFields, hallNames: Map<number, string>, isDemo: boolean): GuideSnapshot {
  const { hallIds, ...rest } = fields
  return { itemCode, ...rest, locations: hallIds.map((hallId) => ({ hallId, name: hallNames.get(hallId) ?? '' })), isDemo }
}

export function guideSnapshot(itemCode: string, guide: GuideRow): GuideSnapshot {
  return snapshotOf(itemCode, guideFields(guide), new Map(guide.locations.map((l) => [l.hallId, l.hall.name])), guide.isDemo)
}

export function hallView(hall: Prisma.ServiceHallGetPayload<object>): ServiceHallView {
  return { id: hall.id, name: hall.name, address: hall.address, window: hall.window, hours: hall.hours, phone: hall.phone, mapUrl: hall.mapUrl, isDemo: hall.isDemo }
}

export function guideView(guide: GuideRow): GuideView {
  const fields = guideFields(guide)
  return {
    conditions: fields.conditions,
    materials: fields.materials,
    steps: fields.steps,
    locations: guide.locations.map((l) => ({ hallId: l.hallId, ...hallView(l.hall) })),
    legalTimeLimitDays: fields.legalTimeLimitDays,
    promisedTimeLimitDays: fields.promisedTimeLimitDays,
    fee: fields.feeFree === null ? null : { free: fields.feeFree, standard: fields.feeStandard, basis: fields.feeBasis },
    visits: fields.visits,
    online: fields.onlineLevel ? { level: fields.onlineLevel as OnlineLevel, url: fields.onlineUrl } : null,
    consultPhone: fields.consultPhone,
    complaintPhone: fields.complaintPhone,
    resultName: fields.resultName,
    faqs: fields.faqs,
    legalBasis: fields.legalBasis,
    isDemo: guide.isDemo,
    revision: guide.revision,
    publishedAt: guide.publishedAt.toISOString(),
  }
}

async function loadGuide(db: Db | Tx, powerItemId: number): Promise<GuideRow | null> {
  return db.serviceGuide.findUnique({ where: { powerItemId }, include: guideInclude })
}

/**
 * Publishes `fields` as the guide of an item, replacing what it had (its materials and places are
 * part of the guide; earlier ones live on in RecordVersion). Inside the caller's transaction.
 */
export async function writeGuide(tx: Tx, powerItemId: number, fields: GuideFields, meta: { isDemo: boolean; at: Date }): Promise<GuideRow> {
  const { materials, hallIds, steps, faqs, legalBasis, ...scalars } = fields
  const data = { ...scalars, steps, faqs, legalBasis, isDemo: meta.isDemo, publishedAt: meta.at }
  const existing = await tx.serviceGuide.findUnique({ where: { powerItemId }, select: { revision: true } })
  if (existing) {
    await tx.guideMaterial.deleteMany({ where: { guideId: powerItemId } })
    await tx.guideLocation.deleteMany({ where: { guideId: powerItemId } })
    await tx.serviceGuide.update({ where: { powerItemId }, data: { ...data, revision: { increment: 1 } } })
  } else {
    await tx.serviceGuide.create({ data: { powerItemId, ...data } })
  }
  await tx.guideMaterial.createMany({ data: materials.map((m, i) => ({ guideId: powerItemId, sortOrder: i, ...m })) })
  await tx.guideLocation.createMany({ data: hallIds.map((hallId, i) => ({ guideId: powerItemId, hallId, sortOrder: i })) })
  return (await loadGuide(tx, powerItemId))!
}

/** Every item's guide, by item code, as published now or as it stood at `at` (RecordVersion). */
export async function guideSnapshotsAt(db: Db, at: Date | null): Promise<Map<string, GuideSnapshot>> {
  const current = async () => {
    const guides = await db.serviceGuide.findMany({ include: { ...guideInclude, powerItem: { select: { code: true } } } })
    return guides.map((g) => ({ id: g.powerItemId, revision: g.revision, publishedAt: g.publishedAt, snapshot: guideSnapshot(g.powerItem.code, g) }))
  }
  const snapshots = at ? (await statesAt(db, 'SERVICE_GUIDE', at, current)).map((s) => s.snapshot) : (await current()).map((g) => g.snapshot)
  return new Map(snapshots.map((s) => [s.itemCode, s]))
}
