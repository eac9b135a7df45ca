// Loads the demo (示例) service halls, service guides and life events into the database, inside the
// item import's transaction. Idempotent like the rest of the import: a department that has halls,
// an item that has a guide and a slug that is taken are left as they are (published records change
// only through the workflow), so a second run changes nothing and real content is never replaced.
import type { Prisma } from '../../server/utils/prisma'
import { insertRows, type ColumnType } from '../../server/utils/bulk-insert'
import { recordVersions } from '../../server/services/history'
import { enqueueSearchSync } from '../../server/services/search/outbox'
import { snapshotOf } from '../../server/services/guides/records'
import { lifeEventSnapshot, writeLifeEventSteps } from '../../server/services/life-events/records'
import { generateDemoGuides, type DemoGuideInput } from './demo-guides'

type Tx = Prisma.TransactionClient

const CHUNK = 2000

// A city's guides are hundreds of thousands of rows (five materials each): written as bulk inserts
// (see insertRows), as the items are, not through createMany.
const GUIDE_COLUMNS: Record<string, ColumnType> = {
  powerItemId: 'integer', conditions: 'text[]', steps: 'jsonb', legalTimeLimitDays: 'integer', promisedTimeLimitDays: 'integer',
  feeFree: 'boolean', feeStandard: 'text', feeBasis: 'text', visits: 'integer', onlineLevel: '"OnlineLevel"', onlineUrl: 'text',
  consultPhone: 'text', complaintPhone: 'text', resultName: 'text', faqs: 'jsonb', legalBasis: 'jsonb',
  isDemo: 'boolean', publishedAt: 'timestamp(3)', updatedAt: 'timestamp(3)',
}
const MATERIAL_COLUMNS: Record<string, ColumnType> = {
  guideId: 'integer', sortOrder: 'integer', name: 'text', required: 'boolean', requiredWhen: 'text', originalCount: 'integer', copyCount: 'integer',
  form: '"MaterialForm"', source: '"MaterialSource"', issuedBy: 'text', sampleUrl: 'text', note: 'text',
}
const LOCATION_COLUMNS: Record<string, ColumnType> = { guideId: 'integer', hallId: 'integer', sortOrder: 'integer' }

export interface GuideImportReport {
  halls: { created: number; existing: number }
  guides: { created: number; existing: number }
  lifeEvents: { created: number; existing: number }
}

export async function importDemoGuides(tx: Tx, input: DemoGuideInput, options: { at: Date; listVersionId: number | null; newItemIds: Set<number> }): Promise<GuideImportReport> {
  const demo = generateDemoGuides(input)
  const { at, listVersionId } = options
  const departments = await tx.department.findMany({ select: { id: true, code: true, _count: { select: { serviceHalls: true } } } })
  const departmentId = new Map(departments.map((d) => [d.code, d.id]))
  const withHalls = new Set(departments.filter((d) => d._count.serviceHalls > 0).map((d) => d.code))

  // Halls: only for departments that have none yet.
  const newHalls = demo.halls.filter((h) => !withHalls.has(h.departmentCode) && departmentId.has(h.departmentCode))
  const created = newHalls.length
    ? await tx.serviceHall.createManyAndReturn({
      data: newHalls.map(({ key: _key, departmentCode, ...h }) => ({ ...h, departmentId: departmentId.get(departmentCode)!, isDemo: true })),
      select: { id: true, departmentId: true, sortOrder: true, name: true },
    })
    : []
  const hallByKey = new Map<string, { id: number; name: string }>()
  for (const hall of newHalls) {
    const row = created.find((c) => c.departmentId === departmentId.get(hall.departmentCode) && c.sortOrder === hall.sortOrder)!
    hallByKey.set(hall.key, { id: row.id, name: row.name })
  }

  // Guides: only for items that have none; their halls only where the demo created them.
  const items = await tx.powerItem.findMany({ where: { code: { in: demo.guides.map((g) => g.itemCode) } }, select: { id: true, code: true, guide: { select: { powerItemId: true } } } })
  const itemByCode = new Map(items.map((i) => [i.code, i]))
  const newGuides = demo.guides.filter((g) => itemByCode.has(g.itemCode) && !itemByCode.get(g.itemCode)!.guide)
  for (let i = 0; i < newGuides.length; i += CHUNK) {
    const chunk = newGuides.slice(i, i + CHUNK).map((g) => {
      const halls = g.hallKeys.flatMap((k) => (hallByKey.has(k) ? [hallByKey.get(k)!] : []))
      return { guide: g, id: itemByCode.get(g.itemCode)!.id, fields: { ...g.fields, hallIds: halls.map((h) => h.id) }, names: new Map(halls.map((h) => [h.id, h.name])) }
    })
    await insertRows(tx, 'ServiceGuide', GUIDE_COLUMNS,
      chunk.map(({ id, fields: { materials: _m, hallIds: _h, ...scalars } }) => ({ powerItemId: id, ...scalars, isDemo: true, publishedAt: at, updatedAt: at })))
    await insertRows(tx, 'GuideMaterial', MATERIAL_COLUMNS, chunk.flatMap(({ id, fields }) => fields.materials.map((m, n) => ({ guideId: id, sortOrder: n, ...m }))))
    await insertRows(tx, 'GuideLocation', LOCATION_COLUMNS, chunk.flatMap(({ id, fields }) => fields.hallIds.map((hallId, n) => ({ guideId: id, hallId, sortOrder: n }))))
    await recordVersions(tx, 'SERVICE_GUIDE', chunk.map(({ id, guide, fields, names }) => ({ entityId: id, revision: 1, data: snapshotOf(guide.itemCode, fields, names, true) })), { action: 'ADD', at, listVersionId })
    // Items created in this import are indexed after it anyway; older ones must pick up their new guide.
    await enqueueSearchSync(tx, 'POWER_ITEM', chunk.map((c) => c.id).filter((id) => !options.newItemIds.has(id)))
  }

  // Life events: by slug; their steps name items by code.
  const taken = new Set((await tx.lifeEvent.findMany({ select: { slug: true } })).map((e) => e.slug))
  const newEvents = demo.lifeEvents.filter((e) => !taken.has(e.slug))
  const codes = new Map((await tx.powerItem.findMany({ where: { code: { in: newEvents.flatMap((e) => e.steps.flatMap((s) => s.itemCodes)) } }, select: { id: true, code: true } })).map((i) => [i.code, i.id]))
  for (const event of newEvents) {
    const { steps, ...fields } = event
    const row = await tx.lifeEvent.create({ data: { ...fields, isDemo: true, publishedAt: at } })
    await writeLifeEventSteps(tx, row.id, steps, codes)
    // Life events are curated by the reform office, not published in list versions.
    await recordVersions(tx, 'LIFE_EVENT', [{ entityId: row.id, revision: row.revision, data: lifeEventSnapshot(event, 'IN_FORCE', true) }], { action: 'ADD', at })
  }

  return {
    halls: { created: created.length, existing: demo.halls.length - newHalls.length },
    guides: { created: newGuides.length, existing: demo.guides.length - newGuides.length },
    lifeEvents: { created: newEvents.length, existing: demo.lifeEvents.length - newEvents.length },
  }
}
