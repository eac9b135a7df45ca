// The tables the demo service guides, service halls and life events are composed from, kept as
// data in prisma/seed/demo/ (guide-rules.json, service-halls.json, life-events.json; see the README
// there). Checked when the seed loads, like the other demo tables (demo-tables.ts): a misspelt
// key or a material no rule defines stops the import with the file and the place.
import { z } from 'zod'
import { LIFE_EVENT_AUDIENCES } from '../../shared/life-events'
import { ONLINE_LEVELS } from '../../shared/guides'
import { checkTable } from './demo-tables'
import guideRulesFile from './demo/guide-rules.json' with { type: 'json' }
import serviceHallsFile from './demo/service-halls.json' with { type: 'json' }
import lifeEventsFile from './demo/life-events.json' with { type: 'json' }

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
export type MaterialShape = z.output<typeof materialShape>
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
export type Topic = z.output<typeof topicRules>

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
export type Action = z.output<typeof actionRules>

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
}).strict().superRefine((rules, ctx) => {
  // A material named by its key must be one of the table's materials.
  const check = (refs: (string | MaterialShape)[], path: (string | number)[]) => refs.forEach((ref, i) => {
    if (typeof ref === 'string' && !Object.hasOwn(rules.materials, ref)) ctx.addIssue({ code: 'custom', path: [...path, i], message: `unknown material "${ref}"` })
  })
  rules.topics.forEach((t, i) => check(t.materials, ['topics', i, 'materials']))
  rules.actions.forEach((a, i) => check(a.materials, ['actions', i, 'materials']))
  rules.departments.forEach((d, i) => check(d.materials, ['departments', i, 'materials']))
})
export type Rules = z.output<typeof rulesTable>

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
export type HallsTable = z.output<typeof hallsTable>

const lifeEventsTable = z.object({
  $comment: z.string().optional(),
  events: z.array(z.object({
    slug: z.string(), title: z.string(), audience: z.enum(LIFE_EVENT_AUDIENCES), summary: z.string(), keywords: z.array(z.string()),
    steps: z.array(z.object({ title: z.string(), note: z.string(), items: z.array(z.string()) }).strict()),
  }).strict()),
}).strict()
export type LifeEventsTable = z.output<typeof lifeEventsTable>

const guideTableSchemas = {
  'guide-rules.json': rulesTable,
  'service-halls.json': hallsTable,
  'life-events.json': lifeEventsTable,
}

export interface GuideTables { rules: Rules; halls: HallsTable; lifeEvents: LifeEventsTable }

export function parseGuideTable<F extends keyof typeof guideTableSchemas>(file: F, data: unknown): z.output<(typeof guideTableSchemas)[F]> {
  return checkTable(file, guideTableSchemas[file], data) as z.output<(typeof guideTableSchemas)[F]>
}

export const GUIDE_TABLES: GuideTables = {
  rules: parseGuideTable('guide-rules.json', guideRulesFile),
  halls: parseGuideTable('service-halls.json', serviceHallsFile),
  lifeEvents: parseGuideTable('life-events.json', lifeEventsFile),
}
