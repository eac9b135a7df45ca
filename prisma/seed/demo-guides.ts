// Demo (示例) service guides, service halls and life events for the real items, which the source
// file has none of. The content lives in three data tables (data/demo/guide-rules.json,
// service-halls.json, life-events.json); this module only composes them: each item's guide is
// shaped by its type, the first topic its name matches (a passport needs 居民身份证, a food licence
// a floor plan and health certificates), the action its name names (变更, 注销, 补办 ...) and its
// department. Deterministic: the same input gives the same output, whatever the order, so a second
// import changes nothing. The importer marks all of it isDemo.
import { z } from 'zod'
import { guideFieldsSchema, ONLINE_LEVELS, type GuideFields, type GuideMaterial, type GuideStep, type GuideFaq, type GuideLegalBasis, type OnlineLevel } from '../../../shared/guides'
import { LIFE_EVENT_AUDIENCES, lifeEventFieldsSchema, type LifeEventFields } from '../../../shared/life-events'
import type { ItemTypeKey } from '../../../shared/item-types'

export interface DemoGuideInput {
  departments: { code: string; name: string }[]
  items: { code: string; name: string; type: ItemTypeKey; departmentCode: string; sourceUrl: string | null }[]
  /** the texts of the three data tables */
  tables: { rules: string; halls: string; lifeEvents: string }
}

export interface DemoHall {
  /** stable within a department: `<departmentCode>#<n>` */
  key: string
  departmentCode: string
  name: string
  address: string
  window: string | null
  hours: string
  phone: string
  mapUrl: string | null
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

// ---- the tables' shapes: a broken edit of a table fails the import with the path at fault ----

const materialShape = z.object({
  name: z.string().min(2),
  required: z.boolean().optional(),
  requiredWhen: z.string().optional(),
  originalCount: z.number().int().min(0).optional(),
  copyCount: z.number().int().min(0).optional(),
  form: z.enum(['PAPER', 'ELECTRONIC', 'PAPER_OR_ELECTRONIC']).optional(),
  source: z.enum(['SELF', 'DEPARTMENT', 'SHARED']).optional(),
  issuedBy: z.string().optional(),
  note: z.string().optional(),
}).strict()
type MaterialShape = z.output<typeof materialShape>
const materialRef = z.union([z.string(), materialShape])
const step = z.object({ title: z.string(), description: z.string() }).strict()
const faq = z.object({ question: z.string(), answer: z.string() }).strict()
const basis = z.object({ law: z.string(), article: z.string() }).strict()
const online = z.array(z.enum(ONLINE_LEVELS)).min(1)

const typeRules = z.object({
  conditions: z.array(z.string()),
  steps: z.array(step),
  legalDays: z.number().int().nullable(),
  promisedDays: z.array(z.number().int().min(0)).min(1),
  visits: z.array(z.number().int().min(0)).min(1),
  online,
  result: z.string(),
  legalBasis: z.array(basis).optional(),
}).strict()

const matcher = {
  any: z.array(z.string().min(1)).optional(),
  all: z.array(z.string().min(1)).optional(),
  not: z.array(z.string().min(1)).optional(),
  dept: z.array(z.string().min(1)).optional(),
}

const topicRules = z.object({
  key: z.string(),
  ...matcher,
  audience: z.enum(LIFE_EVENT_AUDIENCES).optional(),
  noProxy: z.boolean().optional(),
  hall: z.string().optional(),
  conditions: z.array(z.string()),
  materials: z.array(materialRef).min(1),
  result: z.string(),
  fee: z.object({ standard: z.string(), basis: z.string() }).strict().optional(),
  legalBasis: z.array(basis).optional(),
  legalDays: z.number().int().min(0).optional(),
  promisedDays: z.array(z.number().int().min(0)).min(1).optional(),
  visits: z.array(z.number().int().min(0)).min(1).optional(),
  online: online.optional(),
  faqs: z.array(faq).optional(),
}).strict()
type Topic = z.output<typeof topicRules>

const actionRules = z.object({
  key: z.string(),
  any: z.array(z.string().min(1)).min(1),
  materials: z.array(materialRef),
  replaceMaterials: z.boolean().optional(),
  conditions: z.array(z.string()),
  promisedDays: z.array(z.number().int().min(0)).min(1).optional(),
  visits: z.array(z.number().int().min(0)).min(1).optional(),
  online: online.optional(),
  result: z.string().optional(),
  steps: z.array(step).optional(),
}).strict()
type Action = z.output<typeof actionRules>

const rulesTable = z.object({
  $comment: z.string().optional(),
  materials: z.record(z.string(), materialShape),
  audience: z.object({ enterpriseWords: z.array(z.string()), personWords: z.array(z.string()) }).strict(),
  types: z.record(z.string(), typeRules),
  filingWords: z.array(z.string()),
  filingResult: z.string(),
  actions: z.array(actionRules),
  topics: z.array(topicRules),
  departments: z.array(z.object({ match: z.array(z.string()).min(1), materials: z.array(materialRef) }).strict()),
  faqs: z.array(faq),
  complaintPhone: z.string(),
}).strict()
type Rules = z.output<typeof rulesTable>

const hallShape = z.object({
  name: z.string(),
  inCenter: z.boolean().optional(),
  address: z.string().optional(),
  window: z.string().optional(),
  hours: z.string().optional(),
  mapKeyword: z.string().optional(),
  note: z.string().optional(),
  default: z.boolean().optional(),
}).strict()

const hallsTable = z.object({
  $comment: z.string().optional(),
  center: z.object({ name: z.string(), address: z.string(), floors: z.array(z.string()).min(1), windowsPerFloor: z.number().int().min(1), hours: z.string(), mapKeyword: z.string() }).strict(),
  phonePrefix: z.string(),
  departments: z.array(z.object({ match: z.array(z.string()).min(1), halls: z.array(hallShape).min(1) }).strict()),
}).strict()
type HallsTable = z.output<typeof hallsTable>

const lifeEventsTable = z.object({
  $comment: z.string().optional(),
  events: z.array(z.object({
    slug: z.string(), title: z.string(), audience: z.enum(LIFE_EVENT_AUDIENCES), summary: z.string(), keywords: z.array(z.string()),
    steps: z.array(z.object({ title: z.string(), note: z.string(), items: z.array(z.string()) }).strict()),
  }).strict()),
}).strict()

export class DemoTableError extends Error {
  constructor(table: string, error: z.ZodError | Error) {
    super(`data/demo/${table}: ${error instanceof z.ZodError ? error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') : error.message}`)
    this.name = 'DemoTableError'
  }
}

function parseTable<T extends z.ZodType>(table: string, schema: T, text: string): z.output<T> {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (error) {
    throw new DemoTableError(table, error as Error)
  }
  const parsed = schema.safeParse(data)
  if (!parsed.success) throw new DemoTableError(table, parsed.error)
  return parsed.data
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
    const shapes = spec ? [...spec.halls].sort((a, b) => Number(!!b.default) - Number(!!a.default)) : [{ name: `${department.name}服务窗口`, inCenter: true } as z.output<typeof hallShape>]
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
  const shape = typeof ref === 'string' ? rules.materials[ref] : ref
  if (!shape) throw new DemoTableError('guide-rules.json', new Error(`unknown material "${String(ref)}"`))
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
  if (!fields.success) throw new DemoTableError('guide-rules.json', new Error(`the guide of ${item.code} (${name}) is invalid: ${fields.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`))
  const { hallIds: _none, ...rest } = fields.data
  return { itemCode: item.code, fields: rest, hall: topic?.hall }
}

// ---- life events ----

function makeLifeEvents(text: string, items: DemoGuideInput['items']): LifeEventFields[] {
  const table = parseTable('life-events.json', lifeEventsTable, text)
  const codeOf = new Map<string, string>()
  for (const item of [...items].sort(byCode)) if (!codeOf.has(item.name)) codeOf.set(item.name, item.code)
  return table.events.flatMap((event, index) => {
    const steps = event.steps
      .map((s) => ({ title: s.title, note: s.note, itemCodes: s.items.flatMap((n) => (codeOf.has(n) ? [codeOf.get(n)!] : [])) }))
      .filter((s) => s.itemCodes.length)
    if (!steps.length) return []
    const parsed = lifeEventFieldsSchema.safeParse({ slug: event.slug, title: event.title, audience: event.audience, summary: event.summary, keywords: event.keywords, steps, sortOrder: index })
    if (!parsed.success) throw new DemoTableError('life-events.json', parsed.error)
    return [parsed.data]
  })
}

export function generateDemoGuides(input: DemoGuideInput): DemoGuideContent {
  const rules = parseTable('guide-rules.json', rulesTable, input.tables.rules)
  const { halls, defaults } = makeHalls(parseTable('service-halls.json', hallsTable, input.tables.halls), input.departments)
  const departmentName = new Map(input.departments.map((d) => [d.code, d.name]))
  const guides = [...input.items].sort(byCode).map((item) => {
    const { hall, ...guide } = makeGuide(rules, item, departmentName.get(item.departmentCode) ?? '')
    const own = defaults.get(item.departmentCode) ?? []
    const chosen = (hall && own.find((h) => h.name.includes(hall))) || own[0]
    return { ...guide, fields: { ...guide.fields, consultPhone: chosen?.phone ?? null }, hallKeys: chosen ? [chosen.key] : [] }
  })
  return { halls, guides, lifeEvents: makeLifeEvents(input.tables.lifeEvents, input.items) }
}
