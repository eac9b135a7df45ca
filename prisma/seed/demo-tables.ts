// The tables the demo generator writes from, kept as data in prisma/seed/demo/*.json (see the
// README there). They are checked when the seed loads: a misspelt key, a missing stage set or a
// placeholder the generator does not fill stops the import with the file and the place, instead
// of reaching the portal as text. Imported as modules, not read from disk, so they travel with
// whatever bundles the seed.
import { z } from 'zod'
import { ITEM_TYPE_KEYS, type ItemTypeKey } from '../../shared/item-types'
import { ALLOCATION_METHODS } from '../../shared/lists'
import powerDutiesFile from './demo/power-duties.json' with { type: 'json' }
import departmentsFile from './demo/departments.json' with { type: 'json' }
import supervisionFile from './demo/supervision.json' with { type: 'json' }
import boundariesFile from './demo/boundaries.json' with { type: 'json' }
import recipientsFile from './demo/recipients.json' with { type: 'json' }

export type PowerType = Exclude<ItemTypeKey, 'PUBLIC_SERVICE'>
/** Filings (备案) are catalogued as 其他行政权力 but have stages of their own. */
export type StageSet = PowerType | 'FILING'
const STAGE_SETS = [...ITEM_TYPE_KEYS.filter((t): t is PowerType => t !== 'PUBLIC_SERVICE'), 'FILING'] as const

const PLACEHOLDER = /\{(\w+)\}/g

/** The {placeholders} a text uses. */
function placeholdersOf(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1] ?? '')
}

const text = z.string().min(1)

/** A text that may use only the given placeholders. */
function template(...names: string[]) {
  return text.superRefine((value, ctx) => {
    for (const name of placeholdersOf(value)) {
      if (!names.includes(name)) {
        ctx.addIssue({ code: 'custom', message: `{${name}} is not filled in here (${names.length ? names.map((n) => `{${n}}`).join(' ') : 'no placeholder'} is)` })
      }
    }
  })
}

const caseSchema = z.strictObject({ content: text, basis: text })
const stageSchema = z.strictObject({ label: text, text: template('item') })

const powerDutiesSchema = z.strictObject({
  /** listed last among every power's stages */
  closingStage: stageSchema,
  /** listed last among every power's accountability cases */
  closingCase: caseSchema,
  /** the duties' basis where neither the type nor the department names one */
  fallbackBasis: text,
  types: z.record(z.enum(STAGE_SETS), z.strictObject({
    /** the law that governs this type's procedure, cited with every duty of the type */
    basis: text.optional(),
    stages: z.array(stageSchema).min(1),
    cases: z.strictObject({
      /** always listed, first */
      core: z.array(caseSchema).min(1),
      /** 0-3 of these follow, chosen per item */
      optional: z.array(caseSchema),
    }),
  })),
})

const dutyTemplateSchema = z.strictObject({ title: text, content: template('dept'), basis: text.nullable() })

/** Who receives a fund's allocations; projects name the township ({town}) or the cooperative's crop ({crop}). */
const payeesSchema = z.discriminatedUnion('kind', [
  /** the townships themselves; `scope` limits to 街道 (urban) or 镇/乡 (rural) */
  z.strictObject({ kind: z.literal('TOWNSHIP'), scope: z.enum(['ALL', 'STREETS', 'TOWNS']), projects: z.array(template('town')).min(1).optional() }),
  /** one institution per township, e.g. 协兴镇卫生院; streets only where streetSuffix is set */
  z.strictObject({ kind: z.literal('INSTITUTION'), townSuffix: text, streetSuffix: text.optional(), projects: z.array(template('town')).min(1).optional() }),
  /** invented companies: 广安<trade name><orgType>（示例） */
  z.strictObject({ kind: z.literal('ENTERPRISE'), orgTypes: z.array(text).min(1), projects: z.array(template('town')).min(1).optional() }),
  /** invented cooperatives: 广安区<town><trade name><crop>专业合作社（示例） */
  z.strictObject({ kind: z.literal('COOPERATIVE'), crops: z.array(text).min(1), projects: z.array(template('town', 'crop')).min(1).optional() }),
])

const fundText = template('dept', 'year')
const fundTemplateSchema = z.strictObject({
  /** without the year; the fund's name is '<year>年<name>' */
  name: text,
  legalBasis: text,
  purpose: fundText,
  recipients: fundText,
  performanceTargets: fundText,
  howToApply: fundText,
  method: z.enum(ALLOCATION_METHODS),
  /** the budget's range in 万元 */
  amount: z.tuple([z.int().min(20), z.int().max(5000)]).refine(([min, max]) => min < max, 'the range must be [lowest, highest]'),
  /** implementation period in years, starting with the fund's year */
  span: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  payees: payeesSchema,
}).refine((fund) => (fund.method === 'PROJECT') === (fund.payees.projects !== undefined), {
  message: 'a PROJECT fund names the projects of its payees, a FACTOR fund none',
  path: ['payees', 'projects'],
})

const duties = z.array(dutyTemplateSchema).min(3).max(6)

const departmentsSchema = z.strictObject({
  /** the first profile one of whose keywords is part of a department's name describes it */
  profiles: z.array(z.strictObject({
    keywords: z.array(text).min(1),
    /** the sector law cited with the duties of this department's powers */
    sectorLaw: text.optional(),
    duties,
    funds: z.array(fundTemplateSchema).max(5),
  })),
  /** for a department no profile describes */
  genericDuties: duties,
})

const supervisionTemplate = z.strictObject({ title: text, content: template('dept', 'examples', 'count'), basis: text })
const supervisionSchema = z.strictObject({
  RANDOM: supervisionTemplate,
  CREDIT: supervisionTemplate,
  KEY: supervisionTemplate,
  COMPLAINT: supervisionTemplate,
  HANDOFF: supervisionTemplate,
})

const boundariesSchema = z.strictObject({
  /** the departments a boundary names, each by keywords of its name */
  departmentKeywords: z.record(z.string().regex(/^\w+$/), z.array(text).min(1)),
  boundaries: z.array(z.strictObject({
    /** stable code suffix */
    key: z.string().regex(/^[A-Z0-9-]+$/),
    title: text,
    /** names the parties' departments by their keys: {agriculture} */
    content: text,
    basis: text.nullable(),
    /** the first party leads */
    parties: z.array(z.strictObject({ department: z.string(), responsibility: text })).min(2).max(3),
  })),
}).superRefine((file, ctx) => {
  file.boundaries.forEach((boundary, i) => {
    const parties = boundary.parties.map((p) => p.department)
    parties.forEach((department, j) => {
      if (!Object.hasOwn(file.departmentKeywords, department)) ctx.addIssue({ code: 'custom', path: ['boundaries', i, 'parties', j, 'department'], message: `${department} is not in departmentKeywords` })
    })
    if (new Set(parties).size !== parties.length) ctx.addIssue({ code: 'custom', path: ['boundaries', i, 'parties'], message: 'a department is named twice' })
    for (const name of placeholdersOf(boundary.content)) {
      if (!parties.includes(name)) ctx.addIssue({ code: 'custom', path: ['boundaries', i, 'content'], message: `{${name}} is not one of the parties (${parties.map((p) => `{${p}}`).join(' ')})` })
    }
  })
})

const recipientsSchema = z.strictObject({
  /** the district's streets (街道) and towns (镇/乡); weight is a rough size, the factor of factor-allocated funds */
  townships: z.array(z.strictObject({ name: text, weight: z.number().positive() })).min(1),
  /** 字号 of the invented companies and cooperatives */
  tradeNames: z.array(text).min(1),
})

export const demoTableSchemas = {
  'power-duties.json': powerDutiesSchema,
  'departments.json': departmentsSchema,
  'supervision.json': supervisionSchema,
  'boundaries.json': boundariesSchema,
  'recipients.json': recipientsSchema,
}

export function parseDemoTable<F extends keyof typeof demoTableSchemas>(file: F, data: unknown): z.output<(typeof demoTableSchemas)[F]> {
  return checkTable(file, demoTableSchemas[file], data) as z.output<(typeof demoTableSchemas)[F]>
}

/** `data` as `schema` reads it, or an error naming the file and the place of its first problems. */
export function checkTable<T extends z.ZodType>(file: string, schema: T, data: unknown): z.output<T> {
  const parsed = schema.safeParse(data)
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 20).map((issue) => `  - ${issue.path.join('.') || '(file)'}: ${issue.message}`)
    throw new Error(`the demo table prisma/seed/demo/${file} is malformed:\n${issues.join('\n')}`)
  }
  return parsed.data
}

export const POWER_DUTIES = parseDemoTable('power-duties.json', powerDutiesFile)
export const DEPARTMENTS = parseDemoTable('departments.json', departmentsFile)
export const SUPERVISION = parseDemoTable('supervision.json', supervisionFile)
export const BOUNDARIES = parseDemoTable('boundaries.json', boundariesFile)
export const RECIPIENTS = parseDemoTable('recipients.json', recipientsFile)

export type DepartmentProfile = (typeof DEPARTMENTS)['profiles'][number]
export type FundTemplate = DepartmentProfile['funds'][number]
export type Township = (typeof RECIPIENTS)['townships'][number]
