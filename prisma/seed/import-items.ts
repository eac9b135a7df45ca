// Loads the published item file into the database: departments, power items and public
// services, the search dictionary and, for the demo, the content the file lacks (示例 duties,
// funds, service guides, halls, life events and referrals). Idempotent, keyed by codes: a record
// that exists is left as it is (published records change only through the review workflow), so a
// second run changes nothing. All or nothing, in one transaction.
import type { Db, Prisma } from '../../server/utils/prisma'
import type { Duty, PowerItem } from '../../server/generated/prisma/client'
import { insertRows, type ColumnType } from '../../server/utils/bulk-insert'
import { appendAudit, SYSTEM_ACTOR, type AuditActor, type AuditRecordRef } from '../../server/services/audit'
import { recordVersions } from '../../server/services/history'
import { enqueueSearchSync } from '../../server/services/search/outbox'
import { STOP_WORDS_SETTING } from '../../server/services/search/settings'
import { generateDemoContent } from './demo-content'
import { departmentCode, parseSourceFile, type ParsedSource } from './source-file'
import { parseDictionary, type Dictionary } from './dictionary-file'
import { parseAliasFile } from './alias-file'
import { parseReferralFile } from './referral-file'
import { dutySnapshot, fundSnapshot, powerItemSnapshot } from '../../server/services/lists/snapshots'
import { importDemoGuides, type GuideImportReport } from './import-guides'
import type { DemoGuideInput } from './demo-guides'

type Tx = Prisma.TransactionClient

/**
 * A city's file holds tens of thousands of records: each statement gets a slice of them, so the
 * client never builds one huge query or result (still one transaction, still all or nothing).
 */
const CHUNK = 5000

async function inChunks<T, R>(rows: T[], run: (chunk: T[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = []
  for (let i = 0; i < rows.length; i += CHUNK) out.push(...await run(rows.slice(i, i + CHUNK)))
  return out
}

const POWER_ITEM_COLUMNS: Record<string, ColumnType> = {
  code: 'text', name: 'text', aliases: 'text[]', type: '"ItemType"', departmentId: 'integer', groupName: 'text', sourceUrl: 'text',
  level: '"AdminLevel"', publishedAt: 'timestamp(3)', updatedAt: 'timestamp(3)',
}
const DUTY_COLUMNS: Record<string, ColumnType> = {
  code: 'text', kind: '"DutyKind"', departmentId: 'integer', powerItemId: 'integer', title: 'text', content: 'text',
  basis: 'text', isDemo: 'boolean', publishedAt: 'timestamp(3)', updatedAt: 'timestamp(3)',
}
const CASE_COLUMNS: Record<string, ColumnType> = { dutyId: 'integer', sortOrder: 'integer', content: 'text', basis: 'text' }

export interface ImportReport {
  departments: { created: number; existing: number }
  items: { created: number; existing: number; differing: number }
  duties: { created: number; existing: number }
  boundaries: { created: number; existing: number }
  funds: { created: number; existing: number; allocations: number }
  dictionary: { created: number; existing: number; stopWords: number }
  guides: GuideImportReport
}

export interface ImportOptions {
  actor?: AuditActor
  /** the item file's text (data/guangan-items.json) */
  itemsText: string
  /** the search dictionary's text (data/search-dictionary.json), if any */
  dictionaryText?: string
  /** the items' everyday names (data/aliases.json), if any: given to the items this import creates */
  aliasesText?: string
  /** needs handled elsewhere (data/referrals.json), if any: loaded as examples into an empty table */
  referralsText?: string
  sourceName?: string
  /**
   * Generate the demo content the file lacks (marked 示例 wherever it shows). On unless false: the
   * demo portal runs on the real district's file with it. A city loading its own file turns it off
   * (`npm run db:import -- file.json` does), so nothing invented stands beside its real records.
   */
  demoContent?: boolean
}

export async function importItems(db: Db, options: ImportOptions): Promise<ImportReport> {
  // Both files are validated completely before the first write.
  const source = parseSourceFile(options.itemsText)
  const dictionary = options.dictionaryText ? parseDictionary(options.dictionaryText) : undefined
  const aliases = options.aliasesText ? parseAliasFile(options.aliasesText) : new Map<string, string[]>()
  const referrals = options.referralsText ? parseReferralFile(options.referralsText) : []
  const actor = options.actor ?? SYSTEM_ACTOR
  const withDemo = options.demoContent ?? true
  return db.$transaction(async (tx) => {
    const at = new Date()
    const departments = await importDepartments(tx, source)
    const items = await importPowerItems(tx, source, departments.ids, at, aliases)
    const demo = withDemo ? await importDemo(tx, source, departments.ids, items, at, referrals) : NO_DEMO
    const dict = dictionary ? await importDictionary(tx, dictionary) : { created: 0, existing: 0, stopWords: 0 }
    const report: ImportReport = {
      departments: { created: departments.created, existing: departments.existing },
      items: { created: items.created, existing: items.existing, differing: items.differing },
      duties: demo.duties,
      boundaries: demo.boundaries,
      funds: demo.funds,
      dictionary: dict,
      guides: demo.guides,
    }
    const changed = report.departments.created + report.items.created + report.duties.created + report.boundaries.created + report.funds.created + report.dictionary.created
      + report.guides.halls.created + report.guides.guides.created + report.guides.lifeEvents.created
    if (changed > 0) {
      const records: AuditRecordRef[] = [
        ...items.added.map((r) => ({ entityType: 'POWER_ITEM' as const, entityId: r.id, code: r.code, name: r.name })),
        ...demo.added.duties.map((r) => ({ entityType: 'DUTY' as const, entityId: r.id, code: r.code, name: r.title })),
        ...demo.added.funds.map((r) => ({ entityType: 'SPECIAL_FUND' as const, entityId: r.id, code: r.code, name: r.name })),
      ]
      await appendAudit(tx, actor, { action: 'import.items', after: { source: options.sourceName ?? 'data/guangan-items.json', ...report }, records })
    }
    return report
  // Five minutes for a district's file; a city's file of 100,000 items may take longer.
  }, { timeout: 300_000 + 10 * source.records.length, maxWait: 30_000 })
}

async function importDepartments(tx: Tx, source: ParsedSource) {
  const byName = new Map<string, string[]>()
  for (const r of source.records) byName.set(r.department, [...(byName.get(r.department) ?? []), r.deptCode])
  const existing = await tx.department.findMany({ select: { id: true, name: true } })
  const known = new Set(existing.map((d) => d.name))
  const areaCode = source.records[0]!.areaCode
  const missing = [...byName].filter(([name]) => !known.has(name))
  const created = missing.length
    ? await tx.department.createManyAndReturn({
      data: missing.map(([name, codes], i) => ({ name, code: departmentCode(codes), level: 'COUNTY' as const, areaCode, sortOrder: existing.length + i })),
      select: { id: true, name: true },
    })
    : []
  const ids = new Map<string, number>([...existing, ...created].map((d) => [d.name, d.id]))
  return { ids, created: created.length, existing: byName.size - created.length }
}

async function importPowerItems(tx: Tx, source: ParsedSource, departmentIds: Map<string, number>, at: Date, aliases: Map<string, string[]>) {
  const existing = await tx.powerItem.findMany({ select: { id: true, code: true, name: true, type: true, departmentId: true } })
  const byCode = new Map(existing.map((i) => [i.code, i]))
  const missing = source.records.filter((r) => !byCode.has(r.itemCode))
  const differing = source.records.filter((r) => {
    const item = byCode.get(r.itemCode)
    return item && (item.name !== r.name || item.type !== r.typeKey || item.departmentId !== departmentIds.get(r.department))
  }).length
  // The first load is the list's initial publication: a list version with its announcement.
  const listVersion = missing.length ? await publishImportVersion(tx, missing.length, at) : null
  const departmentNames = new Map([...departmentIds].map(([name, id]) => [id, name]))
  const created = await inChunks(missing, async (chunk) => {
    const items = await insertRows<PowerItem>(tx, 'PowerItem', POWER_ITEM_COLUMNS, chunk.map((r) => ({
      code: r.itemCode,
      name: r.name,
      aliases: aliases.get(r.itemCode) ?? [],
      type: r.typeKey,
      departmentId: departmentIds.get(r.department)!,
      groupName: r.group,
      sourceUrl: r.sourceUrl ?? null,
      level: 'COUNTY',
      publishedAt: at,
      updatedAt: at,
    })), ['*'])
    await recordVersions(tx, 'POWER_ITEM', items.map((item) => ({ entityId: item.id, revision: item.revision, data: powerItemSnapshot({ ...item, department: { name: departmentNames.get(item.departmentId)! } }) })), { action: 'ADD', at, listVersionId: listVersion?.id ?? null })
    await enqueueSearchSync(tx, 'POWER_ITEM', items.map((i) => i.id))
    return items.map((i) => ({ id: i.id, code: i.code, name: i.name }))
  })
  const ids = new Map<string, number>([...existing, ...created].map((i) => [i.code, i.id]))
  return { ids, added: created, newIds: new Set(created.map((i) => i.id)), created: created.length, existing: source.records.length - missing.length, differing, listVersionId: listVersion?.id ?? null }
}

async function publishImportVersion(tx: Tx, count: number, at: Date) {
  const year = at.getUTCFullYear()
  const last = await tx.listVersion.findFirst({ where: { year }, orderBy: { batch: 'desc' }, select: { batch: true } })
  const batch = (last?.batch ?? 0) + 1
  const title = `${year}年第${batch}批：清单导入发布`
  return tx.listVersion.create({
    data: {
      year, batch, title, effectiveDate: at, status: 'PUBLISHED', publishedAt: at,
      announcement: { create: { title, body: `依据政务服务网公开数据导入并发布事项${count}项。`, publishedAt: at } },
    },
  })
}

const NONE = { created: 0, existing: 0 }
const NO_DEMO = { added: { duties: [], funds: [] }, duties: NONE, boundaries: NONE, funds: { ...NONE, allocations: 0 }, guides: { halls: NONE, guides: NONE, lifeEvents: NONE } }

/** The demo's 示例 content for the file's items: duties, boundaries, funds, referrals, halls, guides and life events. */
async function importDemo(tx: Tx, source: ParsedSource, departmentIds: Map<string, number>, items: Awaited<ReturnType<typeof importPowerItems>>, at: Date, referrals: ReturnType<typeof parseReferralFile>) {
  const demo = await importDemoContent(tx, source, departmentIds, items.ids, at, items.listVersionId)
  if (items.listVersionId !== null) {
    // The announcement counts what the first publication holds, as every count of a version does.
    await tx.announcement.update({
      where: { listVersionId: items.listVersionId },
      data: { body: `依据政务服务网公开数据导入并发布权力事项和公共服务${items.created}项；示例数据：责任事项${demo.duties.created}项、财政专项资金${demo.funds.created}项。` },
    })
  }
  if (referrals.length && !(await tx.serviceReferral.count())) await tx.serviceReferral.createMany({ data: referrals.map((r) => ({ ...r, isDemo: true })) })
  const guides = await importDemoGuides(tx, demoGuideInput(source, await tx.department.findMany({ select: { code: true, name: true } })), { at, listVersionId: items.listVersionId, newItemIds: items.newIds })
  return { ...demo, guides }
}

async function importDemoContent(tx: Tx, source: ParsedSource, departmentIds: Map<string, number>, itemIds: Map<string, number>, at: Date, listVersionId: number | null) {
  const departmentCodes = await tx.department.findMany({ select: { id: true, code: true, name: true } })
  const deptIdByCode = new Map(departmentCodes.map((d) => [d.code, d.id]))
  const codeByName = new Map(departmentCodes.map((d) => [d.name, d.code]))
  const demo = generateDemoContent({
    departments: departmentCodes.filter((d) => departmentIds.has(d.name)).map((d) => ({ code: d.code, name: d.name })),
    items: source.records.map((r) => ({ code: r.itemCode, name: r.name, type: r.typeKey, departmentCode: codeByName.get(r.department)! })),
  })

  const knownDuties = new Set((await tx.duty.findMany({ select: { code: true } })).map((d) => d.code))
  const newDuties = demo.duties.filter((d) => !knownDuties.has(d.code))
  const duties = await inChunks(newDuties, async (chunk) => {
    const rows = await insertRows<Duty>(tx, 'Duty', DUTY_COLUMNS, chunk.map((d) => ({
      code: d.code,
      kind: d.kind,
      departmentId: deptIdByCode.get(d.departmentCode)!,
      powerItemId: d.powerItemCode ? itemIds.get(d.powerItemCode) ?? null : null,
      title: d.title,
      content: d.content,
      basis: d.basis,
      isDemo: true,
      publishedAt: at,
      updatedAt: at,
    })), ['*'])
    const dutyId = new Map(rows.map((d) => [d.code, d.id]))
    const cases = chunk.flatMap((d) => d.cases.map((c, i) => ({ dutyId: dutyId.get(d.code)!, sortOrder: i, content: c.content, basis: c.basis ?? null })))
    await insertRows(tx, 'AccountabilityCase', CASE_COLUMNS, cases)
    const itemsWithDuty = chunk.flatMap((d) => (d.powerItemCode ? [itemIds.get(d.powerItemCode)!] : []))
    if (itemsWithDuty.length) await tx.$executeRaw`UPDATE "PowerItem" SET "hasDemoContent" = true WHERE id = ANY(${itemsWithDuty}::int[])`
    await enqueueSearchSync(tx, 'DUTY', rows.map((d) => d.id))
    const casesOf = new Map<number, typeof cases>()
    for (const c of cases) casesOf.set(c.dutyId, [...(casesOf.get(c.dutyId) ?? []), c])
    await recordVersions(tx, 'DUTY', rows.map((d) => ({ entityId: d.id, revision: d.revision, data: dutySnapshot({ ...d, accountabilityCases: casesOf.get(d.id) ?? [] }) })), { action: 'ADD', at, listVersionId })
    return rows
  })

  const knownBoundaries = new Set((await tx.dutyBoundary.findMany({ select: { code: true } })).map((b) => b.code))
  const newBoundaries = demo.boundaries.filter((b) => !knownBoundaries.has(b.code))
  for (const b of newBoundaries) {
    await tx.dutyBoundary.create({
      data: {
        code: b.code, title: b.title, content: b.content, basis: b.basis, isDemo: true, publishedAt: at,
        departments: { create: b.departments.map((d) => ({ departmentId: deptIdByCode.get(d.departmentCode)!, responsibility: d.responsibility, isLead: d.isLead })) },
      },
    })
  }

  // Demo funds are written into a database that has none: one loaded before funds carried their
  // years as one identity keeps its own, rather than getting each fund a second time beside it.
  const knownFunds = new Set((await tx.specialFund.findMany({ select: { code: true } })).map((f) => f.code))
  const hasDemoFunds = (await tx.specialFund.count({ where: { isDemo: true } })) > 0
  const newFunds = hasDemoFunds ? [] : demo.funds.filter((f) => !knownFunds.has(f.code))
  const funds = newFunds.length
    ? await tx.specialFund.createManyAndReturn({
      data: newFunds.map((f) => ({
        code: f.code, seriesCode: f.seriesCode, name: f.name, departmentId: deptIdByCode.get(f.departmentCode)!, year: f.year, amount: f.amount,
        legalBasis: f.legalBasis, purpose: f.purpose, recipients: f.recipients, allocationMethod: f.allocationMethod,
        performanceTargets: f.performanceTargets, periodStart: f.periodStart, periodEnd: f.periodEnd, howToApply: f.howToApply,
        isDemo: true, publishedAt: at,
      })),
      select: { id: true, code: true, name: true },
    })
    : []
  const fundId = new Map(funds.map((f) => [f.code, f.id]))
  const allocations = newFunds.flatMap((f) => f.allocations.map((a) => ({ fundId: fundId.get(f.code)!, recipient: a.recipient, amount: a.amount, project: a.project, publishedOn: new Date(`${a.publishedOn}T00:00:00Z`) })))
  await insertRows(tx, 'FundAllocation', { fundId: 'integer', recipient: 'text', amount: 'numeric', project: 'text', publishedOn: 'date' }, allocations)
  await enqueueSearchSync(tx, 'SPECIAL_FUND', funds.map((f) => f.id))
  const fundRecords = await tx.specialFund.findMany({ where: { id: { in: funds.map((f) => f.id) } }, include: { allocations: true } })
  await recordVersions(tx, 'SPECIAL_FUND', fundRecords.map((f) => ({ entityId: f.id, revision: f.revision, data: fundSnapshot(f) })), { action: 'ADD', at, listVersionId })

  return {
    added: { duties, funds },
    duties: { created: duties.length, existing: demo.duties.length - newDuties.length },
    boundaries: { created: newBoundaries.length, existing: demo.boundaries.length - newBoundaries.length },
    funds: { created: funds.length, existing: demo.funds.length - newFunds.length, allocations: allocations.length },
  }
}

function demoGuideInput(source: ParsedSource, departments: { code: string; name: string }[]): DemoGuideInput {
  const codeByName = new Map(departments.map((d) => [d.name, d.code]))
  const named = new Set(source.records.map((r) => r.department))
  return {
    departments: departments.filter((d) => named.has(d.name)),
    items: source.records.map((r) => ({ code: r.itemCode, name: r.name, type: r.typeKey, departmentCode: codeByName.get(r.department)!, sourceUrl: r.sourceUrl ?? null })),
  }
}

async function importDictionary(tx: Tx, dictionary: Dictionary) {
  const known = new Set((await tx.synonym.findMany({ select: { term: true } })).map((s) => s.term))
  const fresh = dictionary.entries.filter((e) => !known.has(e.term))
  await tx.synonym.createMany({ data: fresh.map((e) => ({ term: e.term, targets: e.targets, kind: e.kind, note: e.note ?? null })) })
  const stop = await tx.setting.findUnique({ where: { key: STOP_WORDS_SETTING } })
  if (!stop) await tx.setting.create({ data: { key: STOP_WORDS_SETTING, value: dictionary.stopWords } })
  return { created: fresh.length, existing: dictionary.entries.length - fresh.length, stopWords: stop ? 0 : dictionary.stopWords.length }
}
