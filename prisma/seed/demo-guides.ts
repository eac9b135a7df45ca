// Demo (示例) service guides, service halls and life events for the real items, which the source
// file has none of. The content lives in three data tables (prisma/seed/demo/guide-rules.json,
// service-halls.json, life-events.json, checked by guide-tables.ts); this module only composes them: each item's guide is
// shaped by its type, the first topic its name matches (a passport needs 居民身份证, a food licence
// a floor plan and health certificates), the action its name names (变更, 注销, 补办 ...) and its
// department. Deterministic: the same input gives the same output, whatever the order, so a second
// import changes nothing. The importer marks all of it isDemo.
import { guideFieldsSchema, type GuideFields, type GuideMaterial, type GuideStep, type GuideFaq, type GuideLegalBasis, type OnlineLevel, type ServiceHallView } from '../../shared/guides'
import { lifeEventFieldsSchema, type LifeEventFields } from '../../shared/life-events'
import type { ItemTypeKey } from '../../shared/item-types'
import { GUIDE_TABLES, type Action, type GuideTables, type HallsTable, type LifeEventsTable, type MaterialShape, type Rules, type Topic } from './guide-tables'

export interface DemoGuideInput {
  departments: { code: string; name: string }[]
  items: { code: string; name: string; type: ItemTypeKey; departmentCode: string; sourceUrl: string | null }[]
}

/** A service hall as the page shows it, before it has an id. */
export interface DemoHall extends Omit<ServiceHallView, 'id' | 'isDemo'> {
  /** stable within a department: `<departmentCode>#<n>` */
  key: string
  departmentCode: string
  sortOrder: number
}

export interface DemoGuide {
  itemCode: string
  /** the guide, with its halls by DemoHall key instead of id */
  fields: Omit<GuideFields, 'hallIds'>
  hallKeys: string[]
}

export interface DemoGuideContent {
  halls: DemoHall[]
  guides: DemoGuide[]
  lifeEvents: LifeEventFields[]
}

// ---- deterministic choices ----

/** FNV-1a: a stable number per item, so the same item always gets the same choices. */
function hash(text: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}

const choose = <T>(list: readonly T[], key: string): T => list[hash(key) % list.length]!

const byCode = <T extends { code: string }>(a: T, b: T) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)

// ---- halls ----

const mapUrl = (keyword: string) => `https://uri.amap.com/search?keyword=${encodeURIComponent(keyword)}`

function makeHalls(table: HallsTable, departments: DemoGuideInput['departments']): { halls: DemoHall[]; defaults: Map<string, DemoHall[]> } {
  const halls: DemoHall[] = []
  const byDepartment = new Map<string, DemoHall[]>()
  let window = 0
  const nextCenterWindow = () => {
    const floor = table.center.floors[Math.floor(window / table.center.windowsPerFloor) % table.center.floors.length]!
    return `${floor} ${(window++ % table.center.windowsPerFloor) + 1}号窗口`
  }
  for (const department of [...departments].sort(byCode)) {
    const spec = table.departments.find((d) => d.match.some((m) => department.name.includes(m)))
    const shapes = spec ? [...spec.halls].sort((a, b) => Number(!!b.default) - Number(!!a.default)) : [{ name: `${department.name}服务窗口`, inCenter: true } as HallsTable['departments'][number]['halls'][number]]
    const own = shapes.map((shape, i): DemoHall => ({
      key: `${department.code}#${i}`,
      departmentCode: department.code,
      name: shape.name,
      address: shape.inCenter || !shape.address ? table.center.address : shape.address,
      window: shape.window ?? (shape.inCenter ? nextCenterWindow() : null),
      hours: shape.hours ?? table.center.hours,
      phone: `${table.phonePrefix}${String(10000 + (hash(`${department.code}#${i}`) % 90000))}`,
      mapUrl: mapUrl(shape.mapKeyword ?? (shape.inCenter ? table.center.mapKeyword : shape.name)),
      sortOrder: i,
    }))
    halls.push(...own)
    byDepartment.set(department.code, own)
  }
  return { halls, defaults: byDepartment }
}

// ---- guides ----

function matches(name: string, departmentName: string, m: { any?: string[]; all?: string[]; not?: string[]; dept?: string[] }): boolean {
  if (m.dept && !m.dept.some((d) => departmentName.includes(d))) return false
  if (m.not?.some((w) => name.includes(w))) return false
  if (m.all && !m.all.every((w) => name.includes(w))) return false
  if (m.any && !m.any.some((w) => name.includes(w))) return false
  return !!(m.any || m.all || m.dept)
}

function material(rules: Rules, ref: string | MaterialShape, itemName: string): GuideMaterial {
  // guide-tables.ts checked that every material named by its key is defined.
  const shape = typeof ref === 'string' ? rules.materials[ref]! : ref
  return {
    name: shape.name.replaceAll("{name}", plainName(itemName).slice(0, 40)),
    required: shape.required ?? true,
    requiredWhen: shape.requiredWhen ?? null,
    originalCount: shape.originalCount ?? 0,
    copyCount: shape.copyCount ?? 0,
    form: shape.form ?? 'PAPER',
    source: shape.source ?? 'SELF',
    issuedBy: shape.issuedBy ?? null,
    sampleUrl: null,
    note: shape.note ?? null,
  }
}

/** The item's name without the level notes the catalogue appends: （县级）, (县级行使) ... */
function plainName(name: string): string {
  return name.replace(/[（(][^（()）]*(县级|市级|省级|行使)[^（()）]*[)）]/g, '').trim()
}

/** 《…》 in the name, or the 证 an item that grants one names (…许可证核发 → …许可证). */
function derivedResult(name: string): string | null {
  const quoted = /《([^》]+)》/.exec(name)
  if (quoted) return quoted[1]!
  const granted = /^(.{2,30}?(许可证|登记证|合格证|证书|执照))(核发|新办|申领|首次|初次|配发|办理)/.exec(plainName(name))
  return granted ? granted[1]! : null
}

const APPLICATION_WORDS = /申请|登记表|申报表|采集表|审批表|审核表|报告|声明|信息和联系方式/

function makeGuide(rules: Rules, item: DemoGuideInput['items'][number], departmentName: string): Omit<DemoGuide, 'hallKeys'> & { hall?: string } {
  const name = item.name
  const type = rules.types[item.type]?.steps.length ? rules.types[item.type]! : rules.types.OTHER_POWER!
  const topic: Topic | undefined = rules.topics.find((t) => matches(name, departmentName, t))
  const action: Action | undefined = rules.actions.find((a) => a.any.some((w) => name.includes(w)))
  const filing = item.type === 'OTHER_POWER' && rules.filingWords.some((w) => name.includes(w))
  const enterpriseScore = rules.audience.enterpriseWords.filter((w) => name.includes(w)).length
  const personScore = rules.audience.personWords.filter((w) => name.includes(w)).length
  const audience = topic?.audience ?? (personScore > enterpriseScore || (personScore === enterpriseScore && item.type === 'PUBLIC_SERVICE') ? 'PERSON' : 'ENTERPRISE')
  const key = (salt: string) => `${salt}|${item.code}`
  const m = (ref: string | MaterialShape) => material(rules, ref, name)

  let materials: GuideMaterial[]
  if (action?.replaceMaterials) {
    materials = action.materials.map(m)
  } else {
    const base = topic
      ? topic.materials.map(m)
      : [
        m({ name: /申请$/.test(plainName(name)) ? `${plainName(name)}书` : `《${plainName(name).slice(0, 40)}申请表》`, originalCount: 1 }),
        ...(audience === 'PERSON' ? [m('idcard')] : [m('licenceShared'), m('legalRep')]),
        ...(rules.departments.find((d) => d.match.some((w) => departmentName.includes(w)))?.materials.map(m) ?? []),
      ]
    if (!base.some((x) => APPLICATION_WORDS.test(x.name)) && item.type !== 'PUBLIC_SERVICE') base.unshift(m({ name: `《${plainName(name).slice(0, 40)}申请表》`, originalCount: 1 }))
    materials = [...base, ...(action?.materials.map(m) ?? [])]
    if (!topic?.noProxy) materials.push(m(audience === 'PERSON' ? 'proxy' : 'agentLetter'))
  }
  // One material per name: the first (the topic's own) wins.
  materials = materials.filter((x, i) => materials.findIndex((y) => y.name === x.name) === i)

  const conditions = [...new Set([...(topic?.conditions.length ? topic.conditions : type.conditions), ...(action?.conditions ?? [])])]
  const legalDays = topic?.legalDays ?? type.legalDays
  let promised = choose(action?.promisedDays ?? topic?.promisedDays ?? type.promisedDays, key('promised'))
  if (legalDays !== null && promised > legalDays) promised = legalDays
  let level: OnlineLevel = choose(action?.online ?? topic?.online ?? type.online, key('online'))
  if (!item.sourceUrl && level !== 'INFO_ONLY') level = 'INFO_ONLY'
  const visits = level === 'FULLY_ONLINE' ? 0 : Math.max(choose(action?.visits ?? topic?.visits ?? type.visits, key('visits')), level === 'INFO_ONLY' ? 1 : 0)
  const steps: GuideStep[] = (action?.steps ?? type.steps).map((s) => ({ title: s.title, description: s.description }))
  const faqs: GuideFaq[] = [
    ...(topic?.faqs ?? []),
    ...rules.faqs.filter((f) => !(topic?.noProxy && f.question.includes('委托'))).filter((_, i) => (hash(key(`faq${i}`)) % 3) !== 0),
  ]
  const legalBasis: GuideLegalBasis[] = (topic?.legalBasis ?? type.legalBasis ?? []).map((b) => ({ law: b.law, article: b.article || null }))
  const resultName = (action?.result && action.key !== 'change' ? action.result : null) ?? topic?.result ?? derivedResult(name) ?? (filing ? rules.filingResult : type.result)

  const fields = guideFieldsSchema.safeParse({
    conditions,
    materials,
    steps,
    hallIds: [],
    legalTimeLimitDays: legalDays,
    promisedTimeLimitDays: promised,
    feeFree: !topic?.fee,
    feeStandard: topic?.fee?.standard ?? null,
    feeBasis: topic?.fee?.basis ?? null,
    visits,
    onlineLevel: level,
    onlineUrl: item.sourceUrl,
    consultPhone: null,
    complaintPhone: rules.complaintPhone,
    resultName,
    faqs,
    legalBasis,
  })
  if (!fields.success) throw new Error(`the demo table prisma/seed/demo/guide-rules.json gives ${item.code} (${name}) an invalid guide: ${fields.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`)
  const { hallIds: _none, ...rest } = fields.data
  return { itemCode: item.code, fields: rest, hall: topic?.hall }
}

// ---- life events ----

function makeLifeEvents(table: LifeEventsTable, items: DemoGuideInput['items']): LifeEventFields[] {
  const codeOf = new Map<string, string>()
  for (const item of [...items].sort(byCode)) if (!codeOf.has(item.name)) codeOf.set(item.name, item.code)
  return table.events.flatMap((event, index) => {
    const steps = event.steps
      .map((s) => ({ title: s.title, note: s.note, itemCodes: s.items.flatMap((n) => (codeOf.has(n) ? [codeOf.get(n)!] : [])) }))
      .filter((s) => s.itemCodes.length)
    if (!steps.length) return []
    const parsed = lifeEventFieldsSchema.safeParse({ slug: event.slug, title: event.title, audience: event.audience, summary: event.summary, keywords: event.keywords, steps, sortOrder: index })
    if (!parsed.success) throw new Error(`the demo table prisma/seed/demo/life-events.json has an invalid event ${event.slug}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`)
    return [parsed.data]
  })
}

export function generateDemoGuides(input: DemoGuideInput, tables: GuideTables = GUIDE_TABLES): DemoGuideContent {
  const rules = tables.rules
  const { halls, defaults } = makeHalls(tables.halls, input.departments)
  const departmentName = new Map(input.departments.map((d) => [d.code, d.name]))
  const guides = [...input.items].sort(byCode).map((item) => {
    const { hall, ...guide } = makeGuide(rules, item, departmentName.get(item.departmentCode) ?? '')
    const own = defaults.get(item.departmentCode) ?? []
    const chosen = (hall && own.find((h) => h.name.includes(hall))) || own[0]
    return { ...guide, fields: { ...guide.fields, consultPhone: chosen?.phone ?? null }, hallKeys: chosen ? [chosen.key] : [] }
  })
  return { halls, guides, lifeEvents: makeLifeEvents(tables.lifeEvents, input.items) }
}
