// Demo (示例) content for what the real data of 广安区 lacks: the responsibility list (部门职责,
// 责任事项 and 追责情形, 事中事后监管制度, 职责边界) and the special-fund list (财政专项资金管理清单).
//
// Everything is derived deterministically from the input: each record draws from its own seeded
// PRNG (mulberry32 seeded with a hash of a scope and the record's code), inputs are sorted by code
// first, and nothing reads the clock or Math.random. The same input therefore gives byte-identical
// output on every run, whatever order the caller passes departments and items in, so running the
// import twice changes nothing. The importer marks all of it as demo content (isDemo).
//
// The texts live in the tables of prisma/seed/demo/ (demo-tables.ts loads them); this file
// decides which text a record gets. Amounts, allocations and recipients' names are invented;
// invented companies and cooperatives carry （示例） in their names so they cannot be mistaken for
// real ones.

import type { ItemTypeKey } from '../../shared/item-types'
import type { FundFields } from '../../shared/drafts'
import type { DUTY_KINDS } from '../../shared/lists'
import { BOUNDARIES, DEPARTMENTS, POWER_DUTIES, RECIPIENTS, SUPERVISION, type DepartmentProfile, type FundTemplate, type PowerType, type StageSet, type Township } from './demo-tables'

// ---------------------------------------------------------------------------------------------
// Public interface
// ---------------------------------------------------------------------------------------------

export interface DemoInput {
  departments: { code: string; name: string }[]
  items: { code: string; name: string; type: ItemTypeKey; departmentCode: string }[]
}

export interface DemoDuty {
  /** unique, stable: 'DUTY-P-<itemCode>' / 'DUTY-D-<deptCode>-01' / 'DUTY-S-<deptCode>-01' */
  code: string
  kind: (typeof DUTY_KINDS)[number]
  departmentCode: string
  /** set for POWER_DUTY only */
  powerItemCode: string | null
  title: string
  content: string
  basis: string | null
  /** 追责情形; non-empty for POWER_DUTY */
  cases: { content: string; basis: string | null }[]
}

export interface DemoBoundary {
  code: string
  title: string
  content: string
  basis: string | null
  /** 2-3 departments, exactly one lead */
  departments: { departmentCode: string; responsibility: string; isLead: boolean }[]
}

/**
 * One year of a special fund with the fields an editor keeps; amounts in 万元 with 2 decimals,
 * e.g. '1250.00'. A continuing fund has one entry per year of its period, all with its seriesCode.
 */
export interface DemoFund extends FundFields {
  /** 'FUND-<year>-<deptCode>-01' */
  code: string
  /** 'FUND-<deptCode>-01': the same for every year of the fund */
  seriesCode: string
  departmentCode: string
  /** publishedOn is YYYY-MM-DD */
  allocations: { recipient: string; amount: string; project: string | null; publishedOn: string }[]
}

export interface DemoContent {
  duties: DemoDuty[]
  boundaries: DemoBoundary[]
  funds: DemoFund[]
}

// ---------------------------------------------------------------------------------------------
// Seeded randomness
// ---------------------------------------------------------------------------------------------

// ---------------------------------------------------------------------------------------------
// Seeded randomness
// ---------------------------------------------------------------------------------------------

/** FNV-1a, 32 bit: a stable hash of a string, the seed of a record's PRNG. */
function hashString(text: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return hash >>> 0
}

/** A small PRNG (mulberry32) with the helpers the generators need. */
class Rng {
  private state: number

  constructor(scope: string, key: string) {
    // The scope keeps e.g. a department's duties and its funds on independent sequences, so
    // changing one table does not reshuffle the other.
    this.state = hashString(`${scope}|${key}`)
  }

  /** a float in [0, 1) */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0
    let t = this.state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }

  /** an integer in [min, max] */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }

  pick<T>(list: readonly T[]): T {
    const value = list[Math.floor(this.next() * list.length)]
    if (value === undefined) throw new Error('Rng.pick on an empty list')
    return value
  }

  /** k distinct elements (all of them if k >= length), in random order */
  sample<T>(list: readonly T[], k: number): T[] {
    const copy = [...list]
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1))
      const a = copy[i] as T
      copy[i] = copy[j] as T
      copy[j] = a
    }
    return copy.slice(0, Math.min(k, copy.length))
  }

  /** k distinct elements keeping the list's own order (used where order carries meaning) */
  sampleInOrder<T>(list: readonly T[], k: number): T[] {
    const chosen = new Set(this.sample(list.map((_, i) => i), k))
    return list.filter((_, i) => chosen.has(i))
  }
}

// ---------------------------------------------------------------------------------------------
// Small text helpers
// ---------------------------------------------------------------------------------------------

/**
 * Puts values into a table text's {placeholders} in one pass, so that a name holding braces or
 * `$&` is written as it is, never read as a placeholder or a replacement pattern.
 */
function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (placeholder, name: string) => (Object.hasOwn(values, name) ? String(values[name]) : placeholder))
}

/** Quotes an item name, unless it already carries its own quotation marks. */
function quote(name: string): string {
  return name.includes('“') ? name : `“${name}”`
}

/** Plain code-point comparison: unlike localeCompare it does not depend on the ICU build. */
function byCode<T extends { code: string }>(a: T, b: T): number {
  return a.code < b.code ? -1 : a.code > b.code ? 1 : 0
}

function pad2(n: number): string {
  return String(n).padStart(2, '0')
}

/** Formats hundredths of 万元 (the unit all fund arithmetic is done in) as '1250.00'. */
function formatWan(hundredths: number): string {
  return `${Math.floor(hundredths / 100)}.${pad2(hundredths % 100)}`
}

// ---------------------------------------------------------------------------------------------
// Which table a record draws from
// ---------------------------------------------------------------------------------------------

function stageSetOf(type: PowerType, itemName: string): StageSet {
  if (type === 'OTHER_POWER' && itemName.includes('备案')) return 'FILING'
  return type
}

const GENERIC_PROFILE: DepartmentProfile = { keywords: [], duties: DEPARTMENTS.genericDuties, funds: [] }

function profileOf(departmentName: string): DepartmentProfile {
  return DEPARTMENTS.profiles.find((p) => p.keywords.some((k) => departmentName.includes(k))) ?? GENERIC_PROFILE
}

// ---------------------------------------------------------------------------------------------
// Funds: where the money goes
// ---------------------------------------------------------------------------------------------

const TOWNSHIPS = RECIPIENTS.townships
const isStreet = (t: Township): boolean => t.name.endsWith('街道')

const FUND_YEARS: readonly number[] = [2024, 2025, 2026]
/**
 * The newest year's allocations are dated in its first months: a district publishes the results
 * of the current year's first batches early, and later dates would read as the future.
 */
const NEWEST_YEAR_LAST_MONTH = 5

interface Payee {
  recipient: string
  project: string | null
  weight: number
}

/** Picks the allocation recipients (and projects) of one fund. */
function choosePayees(rng: Rng, template: FundTemplate): Payee[] {
  const spec = template.payees
  const factor = template.method === 'FACTOR'
  const count = factor ? rng.int(6, 12) : rng.int(3, 8)
  const projectFor = (values: Record<string, string>): string | null => {
    if (factor || !spec.projects) return null
    return fill(rng.pick(spec.projects), values)
  }
  // Factor allocations follow the townships' size; project amounts follow the projects' size.
  const weightFor = (t: Township): number => (factor ? t.weight * (0.85 + 0.3 * rng.next()) : 0.5 + rng.next())

  switch (spec.kind) {
    case 'TOWNSHIP': {
      const pool = TOWNSHIPS.filter((t) => spec.scope === 'ALL' || (spec.scope === 'STREETS') === isStreet(t))
      return rng.sample(pool, count).map((t) => ({ recipient: t.name, project: projectFor({ town: t.name }), weight: weightFor(t) }))
    }
    case 'INSTITUTION': {
      const pool = spec.streetSuffix ? TOWNSHIPS : TOWNSHIPS.filter((t) => !isStreet(t))
      return rng.sample(pool, count).map((t) => ({
        recipient: `${t.name}${isStreet(t) ? (spec.streetSuffix ?? spec.townSuffix) : spec.townSuffix}`,
        project: projectFor({ town: t.name }),
        weight: weightFor(t),
      }))
    }
    case 'ENTERPRISE': {
      const names = rng.sample(RECIPIENTS.tradeNames, count)
      return names.map((tradeName) => {
        const town = rng.pick(TOWNSHIPS)
        return {
          recipient: `广安${tradeName}${rng.pick(spec.orgTypes)}（示例）`,
          project: projectFor({ town: town.name }),
          weight: 0.5 + rng.next(),
        }
      })
    }
    case 'COOPERATIVE': {
      const names = rng.sample(RECIPIENTS.tradeNames, count)
      return names.map((tradeName) => {
        const town = rng.pick(TOWNSHIPS.filter((t) => !isStreet(t)))
        const crop = rng.pick(spec.crops)
        return {
          recipient: `广安区${town.name}${tradeName}${crop}专业合作社（示例）`,
          project: projectFor({ town: town.name, crop }),
          weight: weightFor(town),
        }
      })
    }
  }
}

/**
 * Splits a total (integers, hundredths of 万元) by weights so that the parts sum exactly to the
 * total. Parts are rounded down to `unit` and the remainder goes to the largest part, so project
 * grants come out in whole 万元 where the amounts allow it. Every part is positive.
 */
function splitExactly(total: number, weights: readonly number[], unit: number): number[] {
  const sum = weights.reduce((a, b) => a + b, 0)
  const parts = weights.map((w) => Math.floor((total * w) / sum / unit) * unit)
  if (unit > 1 && parts.some((p) => p <= 0)) return splitExactly(total, weights, 1)
  let largest = 0
  weights.forEach((w, i) => {
    if (w > (weights[largest] ?? 0)) largest = i
  })
  parts[largest] = (parts[largest] ?? 0) + (total - parts.reduce((a, b) => a + b, 0))
  return parts
}

/** A publication date in the fund's year; days stop at 28 so every month has them. */
function randomDate(rng: Rng, year: number): string {
  const newest = year === FUND_YEARS[FUND_YEARS.length - 1]
  const month = newest ? rng.int(2, NEWEST_YEAR_LAST_MONTH) : rng.int(3, 11)
  return `${year}-${pad2(month)}-${pad2(rng.int(1, 28))}`
}

/** A fund across its years: its identity, its first year, and the period of the entry of a year. */
interface Series { code: string; start: number; period: (year: number) => [number, number] }

function makeFund(department: Department, template: FundTemplate, year: number, code: string, series: Series): DemoFund {
  const rng = new Rng('fund', code)
  const [minWan, maxWan] = template.amount
  // A fund's size is set for its period and adjusted each year (-10% to +15%), in whole or half 万元.
  const base = new Rng('fund-series', series.code).int(minWan * 2, maxWan * 2 - 1)
  const halves = year === series.start ? base : Math.max(minWan * 2, Math.min(maxWan * 2, Math.round(base * (0.9 + 0.25 * rng.next()))))
  const total = halves * 50

  const payees = choosePayees(rng, template)
  const unit = template.method === 'PROJECT' ? 100 : 1
  const amounts = splitExactly(total, payees.map((p) => p.weight), unit)

  // A factor allocation is one document for all townships; projects are approved in up to two batches.
  const first = randomDate(rng, year)
  const second = randomDate(rng, year)
  const [early, late] = first <= second ? [first, second] : [second, first]
  const batchSplit = template.method === 'PROJECT' && rng.next() < 0.5 ? Math.ceil(payees.length / 2) : payees.length

  const values = { dept: department.name, year }
  return {
    code,
    seriesCode: series.code,
    name: `${year}年${template.name}`,
    departmentCode: department.code,
    year,
    amount: formatWan(total),
    legalBasis: template.legalBasis,
    purpose: fill(template.purpose, values),
    recipients: fill(template.recipients, values),
    allocationMethod: template.method,
    performanceTargets: fill(template.performanceTargets, values),
    periodStart: series.period(year)[0],
    periodEnd: series.period(year)[1],
    howToApply: fill(template.howToApply, values),
    allocations: payees.map((p, i) => ({
      recipient: p.recipient,
      amount: formatWan(amounts[i] ?? 0),
      project: p.project,
      publishedOn: i < batchSplit ? early : late,
    })),
  }
}

// ---------------------------------------------------------------------------------------------
// Generators
// ---------------------------------------------------------------------------------------------

type Department = DemoInput['departments'][number]
type Item = DemoInput['items'][number]

function makePowerDuty(item: Item & { type: PowerType }, profile: DepartmentProfile): DemoDuty {
  const set = stageSetOf(item.type, item.name)
  const name = quote(item.name)
  const { stages, basis: typeBasis, cases } = POWER_DUTIES.types[set]
  const content = [...stages, POWER_DUTIES.closingStage].map((stage, i) => `${i + 1}.${stage.label}：${fill(stage.text, { item: name })}`).join('\n')

  const basisParts = [typeBasis, profile.sectorLaw].filter((b): b is string => Boolean(b))
  const basis = basisParts.length > 0 ? basisParts.join('；') : POWER_DUTIES.fallbackBasis

  const rng = new Rng('power-duty', item.code)
  const chosen = [...cases.core, ...rng.sampleInOrder(cases.optional, rng.int(0, 3)), POWER_DUTIES.closingCase]

  return {
    code: `DUTY-P-${item.code}`,
    kind: 'POWER_DUTY',
    departmentCode: item.departmentCode,
    powerItemCode: item.code,
    title: `${item.name}责任事项`,
    content,
    basis,
    cases: chosen.map((c) => ({ content: c.content, basis: c.basis })),
  }
}

function makeDepartmentDuties(department: Department, profile: DepartmentProfile): DemoDuty[] {
  return profile.duties.map((duty, i) => ({
    code: `DUTY-D-${department.code}-${pad2(i + 1)}`,
    kind: 'DEPARTMENT_DUTY',
    departmentCode: department.code,
    powerItemCode: null,
    title: duty.title,
    content: fill(duty.content, { dept: department.name }),
    basis: duty.basis,
    cases: [],
  }))
}

/** 1-3 measures, more for departments that grant more licences. */
function makeSupervision(department: Department, licensing: readonly Item[]): DemoDuty[] {
  if (licensing.length === 0) return []
  const rng = new Rng('supervision', department.code)
  const count = licensing.length <= 3 ? 1 : licensing.length <= 15 ? 2 : 3
  const concentratedApproval = department.name.includes('行政审批')
  const order = concentratedApproval
    ? [SUPERVISION.HANDOFF, SUPERVISION.RANDOM, SUPERVISION.CREDIT]
    : [SUPERVISION.RANDOM, SUPERVISION.CREDIT, rng.pick([SUPERVISION.KEY, SUPERVISION.COMPLAINT])]
  return order.slice(0, count).map((template, i) => {
    // Each measure names two of the department's own licensing items as examples.
    const examples = rng
      .sample(licensing, 2)
      .map((item) => quote(item.name))
      .join('、')
    return {
      code: `DUTY-S-${department.code}-${pad2(i + 1)}`,
      kind: 'SUPERVISION',
      departmentCode: department.code,
      powerItemCode: null,
      title: template.title,
      content: fill(template.content, { dept: department.name, examples, count: licensing.length }),
      basis: template.basis,
      cases: [],
    }
  })
}

function makeBoundaries(departments: readonly Department[]): DemoBoundary[] {
  const find = (keywords: readonly string[]): Department | undefined =>
    departments.find((d) => keywords.some((k) => d.name.includes(k)))

  const result: DemoBoundary[] = []
  for (const template of BOUNDARIES.boundaries) {
    const found = template.parties.map((p) => find(BOUNDARIES.departmentKeywords[p.department] ?? []))
    const present = found.filter((d): d is Department => d !== undefined)
    // The text names every party, so a boundary is only meaningful with all of them present.
    if (present.length !== template.parties.length) continue
    if (new Set(present.map((d) => d.code)).size !== present.length) continue
    result.push({
      code: `BOUNDARY-${template.key}`,
      title: template.title,
      content: fill(template.content, Object.fromEntries(present.map((d, i) => [template.parties[i]?.department ?? '', d.name]))),
      basis: template.basis,
      departments: present.map((d, i) => ({
        departmentCode: d.code,
        responsibility: template.parties[i]?.responsibility ?? '',
        isLead: i === 0,
      })),
    })
  }
  return result
}

function makeFunds(department: Department, profile: DepartmentProfile): DemoFund[] {
  // A department's funds start in different years (depending on the department). A fund of one
  // year's period recurs every year from then on (each year's budget its own entry); a fund of a
  // longer period has an entry for each of its years, and starts early enough to fit.
  const offset = hashString(`fund-years|${department.code}`) % FUND_YEARS.length
  const newest = FUND_YEARS[FUND_YEARS.length - 1] ?? 2026
  return profile.funds.flatMap((template, i) => {
    const first = FUND_YEARS[(offset + i) % FUND_YEARS.length] ?? newest
    const recurring = template.span === 1
    const start = recurring ? first : Math.min(first, newest - template.span + 1)
    const series: Series = {
      code: `FUND-${department.code}-${pad2(i + 1)}`,
      start,
      period: (year) => (recurring ? [year, year] : [start, start + template.span - 1]),
    }
    return FUND_YEARS
      .filter((year) => year >= start && (recurring || year < start + template.span))
      .map((year) => makeFund(department, template, year, `FUND-${year}-${department.code}-${pad2(i + 1)}`, series))
  })
}

function isPowerItem(item: Item): item is Item & { type: PowerType } {
  return item.type !== 'PUBLIC_SERVICE'
}

/**
 * Generates the demo responsibility list and special-fund list for the given departments and
 * items. Pure and deterministic; the output does not depend on the order of the input.
 */
export function generateDemoContent(input: DemoInput): DemoContent {
  const departments = [...input.departments].sort(byCode)
  const items = [...input.items].sort(byCode)

  // A department listed under several codes with one name (the source data has such cases) is one
  // department: its duties and funds are generated once, under its first code. Its items keep
  // their own department code, which exists in the input.
  const seenNames = new Set<string>()
  const primary = departments.filter((d) => {
    if (seenNames.has(d.name)) return false
    seenNames.add(d.name)
    return true
  })

  const itemsByDepartment = new Map<string, Item[]>()
  for (const item of items) {
    const list = itemsByDepartment.get(item.departmentCode) ?? []
    list.push(item)
    itemsByDepartment.set(item.departmentCode, list)
  }
  // Grouped once: filtering every item for each department was quadratic (20 s for a city).
  const departmentNameOf = new Map(departments.map((d) => [d.code, d.name]))
  const itemsByName = new Map<string, Item[]>()
  for (const item of items) {
    const name = departmentNameOf.get(item.departmentCode)
    if (name === undefined) continue
    const list = itemsByName.get(name) ?? []
    list.push(item)
    itemsByName.set(name, list)
  }
  const itemsOfName = (name: string): Item[] => itemsByName.get(name) ?? []

  // Duties are grouped by department; an item whose department is not in the input gets none,
  // since its duty could not reference a department.
  const duties: DemoDuty[] = []
  const primarySet = new Set(primary)
  for (const department of departments) {
    const profile = profileOf(department.name)
    if (primarySet.has(department)) {
      duties.push(...makeDepartmentDuties(department, profile))
      const licensing = itemsOfName(department.name).filter((item) => item.type === 'LICENSING')
      duties.push(...makeSupervision(department, licensing))
    }
    for (const item of itemsByDepartment.get(department.code) ?? []) {
      if (isPowerItem(item)) duties.push(makePowerDuty(item, profile))
    }
  }
  return {
    duties,
    boundaries: makeBoundaries(primary),
    funds: primary.flatMap((d) => makeFunds(d, profileOf(d.name))),
  }
}
