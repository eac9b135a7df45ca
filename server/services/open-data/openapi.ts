// The OpenAPI 3.1 description of the public API. Query and path parameters are generated from
// the zod schemas the handlers validate with, so the description cannot drift from the checks.
import { z } from 'zod'
import { itemCodeSchema } from '../../../shared/items'
import { compareQuerySchemas, dutyListQuerySchema, fundListQuerySchema, ITEM_STATUSES, LIST_KINDS, OPEN_DATA_FORMATS, powerListQuerySchema } from '../../../shared/lists'
import { exportFilterSchemas, versionIdSchema } from '../../../shared/open-data'
import { noQuerySchema } from '../../../shared/query'
import { searchQuerySchema } from '../../../shared/search'
import { LIFE_EVENT_AUDIENCES, lifeEventListQuerySchema, lifeEventSlugSchema } from '../../../shared/life-events'
import { MATERIAL_FORMS, MATERIAL_SOURCES, ONLINE_LEVELS } from '../../../shared/guides'
import { dictionaryTables } from './downloads'
import { dataDictionary, type ColumnType } from './tables'

type JsonSchema = { type?: string; anyOf?: JsonSchema[]; description?: string; [keyword: string]: unknown }

const PARAMETER_DESCRIPTIONS: Record<string, string> = {
  q: 'Search words; pinyin and colloquial names (俗称) are understood.',
  list: 'Restrict to these lists.',
  dept: 'Department id (see /api/v1/departments). Repeat the parameter to give several: dept=3&dept=7.',
  type: 'Item type. Repeat for several.',
  kind: 'Duty kind: department duty (部门职责), duty of a power item (责任事项) or supervision (事中事后监管). Repeat for several.',
  status: 'Item status: in force, delegated or cancelled. Repeat for several.',
  level: 'Administrative level where the power is exercised. Repeat for several.',
  year: 'Fund year. Repeat for several.',
  method: 'Allocation method: factor (因素法) or project (项目法). Repeat for several.',
  audience: 'Life events for individuals (PERSON, 个人) or for companies and organisations (ENTERPRISE, 法人).',
  minAmount: 'Smallest fund size, in 万元 (10,000 yuan).',
  maxAmount: 'Largest fund size, in 万元 (10,000 yuan).',
  sort: 'Order of the results.',
  date: 'A past day (YYYY-MM-DD, China Standard Time): the list as it stood at the end of that day, filtered on the state each record had then.',
  from: 'The first day of a comparison (YYYY-MM-DD): the list at the end of it.',
  to: 'The second day of a comparison (YYYY-MM-DD, not before `from`): the list at the end of it.',
  change: 'Only these kinds of change: added, cancelled, delegated, changed (fields), retained (confirmed without a change). Repeat for several.',
  page: 'Page number, from 1.',
  pageSize: 'Records per page, at most 200.',
}

function toSchema(schema: z.ZodType): JsonSchema {
  const { $schema: _, ...json } = z.toJSONSchema(schema, { io: 'input' }) as JsonSchema
  return json
}

/** One query parameter per field; "one or many" fields become form-exploded arrays (dept=1&dept=2). */
function queryParameters(schema: z.ZodObject) {
  const json = toSchema(schema) as { properties: Record<string, JsonSchema>; required?: string[] }
  return Object.entries(json.properties).map(([name, property]) => {
    const array = property.anyOf?.find((variant) => variant.type === 'array')
    return {
      name,
      in: 'query',
      required: json.required?.includes(name) ?? false,
      description: PARAMETER_DESCRIPTIONS[name],
      schema: array ?? property,
      ...(array ? { style: 'form', explode: true } : {}),
    }
  })
}

const pathParameter = (name: string, schema: z.ZodType, description: string) => ({ name, in: 'path', required: true, description, schema: toSchema(schema) })

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` })
const jsonContent = (schema: object) => ({ 'application/json': { schema } })
const error = (description: string) => ({ description, content: jsonContent(ref('ApiError')) })
const invalid = error('A parameter is unknown or malformed (`VALIDATION_FAILED`); `issues` names each one.')
const notFound = (code?: string) => error(code ? `No such record (\`${code}\`).` : 'No such record.')

function pageOf(description: string) {
  return { description, content: jsonContent(ref('Page')) }
}

function listOperation(summary: string, schema: z.ZodObject, tag: string) {
  return { get: { tags: [tag], summary, parameters: queryParameters(schema), responses: { 200: pageOf('One page of records.'), 400: invalid } } }
}

function recordOperation(summary: string, parameter: ReturnType<typeof pathParameter>, tag: string, notFoundCode?: string, schema: object = { type: 'object' }) {
  return { get: { tags: [tag], summary, parameters: [parameter], responses: { 200: { description: 'The record.', content: jsonContent(schema) }, 400: invalid, 404: notFound(notFoundCode) } } }
}

const nullable = (schema: object) => ({ oneOf: [{ type: 'null' }, schema] })
const text = (description: string) => ({ type: 'string', description })
const nullableText = (description: string) => ({ type: ['string', 'null'], description })
const days = (description: string) => ({ type: ['integer', 'null'], minimum: 0, description })

/** The service guide of an item (办事指南) as GET /api/v1/power-items/{code} gives it. */
const GUIDE_SCHEMAS = {
  GuideMaterial: {
    type: 'object',
    description: '申请材料: one material the applicant brings (or, when shared, does not).',
    required: ['name', 'required', 'requiredWhen', 'originalCount', 'copyCount', 'form', 'source', 'issuedBy', 'sampleUrl', 'note'],
    properties: {
      name: text('Name of the material (材料名称).'),
      required: { type: 'boolean', description: 'Always required; when false, only in the case `requiredWhen` states.' },
      requiredWhen: nullableText('The case in which a material that is not always required is needed (需要情形).'),
      originalCount: { type: 'integer', minimum: 0, description: 'Originals to hand over or show (原件份数).' },
      copyCount: { type: 'integer', minimum: 0, description: 'Copies to hand over (复印件份数).' },
      form: { type: 'string', enum: [...MATERIAL_FORMS], description: 'Paper, electronic, or either (材料形式).' },
      source: { type: 'string', enum: [...MATERIAL_SOURCES], description: 'SELF: the applicant brings it; DEPARTMENT: issued by `issuedBy`; SHARED: the government obtains it itself, the applicant need not bring it (来源).' },
      issuedBy: nullableText('The body that issues it, for source DEPARTMENT (出具部门).'),
      sampleUrl: nullableText('A blank form or a filled-in sample (空白表格或样表).'),
      note: nullableText('A note on the material (说明).'),
    },
  },
  ServiceHall: {
    type: 'object',
    description: '服务窗口: where a department receives applicants.',
    required: ['id', 'name', 'address', 'window', 'hours', 'phone', 'mapUrl', 'isDemo'],
    properties: {
      id: { type: 'integer' },
      name: text('Name of the hall or window.'),
      address: text('Address.'),
      window: nullableText('Floor and window number.'),
      hours: text('Opening hours as the public reads them.'),
      phone: text('Enquiry phone.'),
      mapUrl: nullableText('A map link.'),
      isDemo: { type: 'boolean', description: 'Generated demo content (示例), not published by the department.' },
    },
  },
  Guide: {
    type: 'object',
    description: '办事指南: what an applicant needs to get the item done.',
    required: ['conditions', 'materials', 'steps', 'locations', 'legalTimeLimitDays', 'promisedTimeLimitDays', 'fee', 'visits', 'online', 'consultPhone', 'complaintPhone', 'resultName', 'faqs', 'legalBasis', 'isDemo', 'revision', 'publishedAt'],
    properties: {
      conditions: { type: 'array', items: { type: 'string' }, description: 'Conditions for acceptance (受理条件), one per entry.' },
      materials: { type: 'array', items: ref('GuideMaterial'), description: 'Materials (申请材料), in order.' },
      steps: { type: 'array', description: 'The process (办理流程), in order.', items: { type: 'object', required: ['title', 'description'], properties: { title: { type: 'string' }, description: { type: ['string', 'null'] } } } },
      locations: { type: 'array', description: 'Where to apply (办理地点): the department\'s service halls, with `hallId`.', items: { allOf: [ref('ServiceHall'), { type: 'object', properties: { hallId: { type: 'integer' } } }] } },
      legalTimeLimitDays: days('Time limit set by law (法定时限), working days; null when not stated.'),
      promisedTimeLimitDays: days('Time limit the department promises (承诺时限), working days; 0 is the same day; null when not stated.'),
      fee: nullable({ type: 'object', description: '收费: free, or the standard and its basis; null when the guide states nothing.', required: ['free', 'standard', 'basis'], properties: { free: { type: 'boolean' }, standard: { type: ['string', 'null'] }, basis: { type: ['string', 'null'] } } }),
      visits: { type: 'integer', minimum: 0, description: 'Visits in person the applicant makes (到现场次数; 最多跑一次 is 0 or 1).' },
      online: nullable({ type: 'object', description: 'How far the item can be done online (网上办理) and where; null when not at all.', required: ['level', 'url'], properties: { level: { type: 'string', enum: [...ONLINE_LEVELS], description: 'FULLY_ONLINE (全程网办), PRE_CHECK (网上预审, then on site), INFO_ONLY (information and enquiries).' }, url: { type: ['string', 'null'] } } }),
      consultPhone: nullableText('Enquiry phone (咨询电话).'),
      complaintPhone: nullableText('Complaint phone (监督投诉电话).'),
      resultName: nullableText('What the applicant receives: the licence or document (办理结果).'),
      faqs: { type: 'array', description: 'Common questions (常见问题).', items: { type: 'object', required: ['question', 'answer'], properties: { question: { type: 'string' }, answer: { type: 'string' } } } },
      legalBasis: { type: 'array', description: 'Legal basis (设定依据): the law and its article.', items: { type: 'object', required: ['law', 'article'], properties: { law: { type: 'string' }, article: { type: ['string', 'null'] } } } },
      isDemo: { type: 'boolean', description: 'Generated demo content (示例); a department\'s published guide replaces it.' },
      revision: { type: 'integer' },
      publishedAt: { type: 'string', format: 'date-time' },
      history: { type: 'array', description: 'When each published version of the guide took effect, on which document, and which fields it changed.', items: { type: 'object' } },
    },
  },
  PowerItem: {
    type: 'object',
    description: 'A power item or public service with its guide, duties and public history.',
    required: ['code', 'name', 'type', 'department', 'status', 'guide'],
    properties: {
      code: text('Item code (实施编码).'),
      name: text('Official name.'),
      type: text('Item type key (LICENSING, …, PUBLIC_SERVICE).'),
      department: { type: 'object', properties: { id: { type: 'integer' }, name: { type: 'string' }, code: { type: 'string' } } },
      status: { type: 'string', enum: [...ITEM_STATUSES] },
      guide: nullable(ref('Guide')),
      departmentPhone: nullableText('Where to ask when the item has no guide: the department\'s first service hall, else the item\'s contact.'),
      lifeEvents: { type: 'array', description: 'The life events (一件事) the item is a step of.', items: { type: 'object', properties: { slug: { type: 'string' }, title: { type: 'string' } } } },
      duties: { type: 'array', items: { type: 'object' } },
      history: { type: 'array', items: { type: 'object' } },
    },
  },
  LifeEventSummary: {
    type: 'object',
    description: '一件事: a path through the items of several departments for one moment of a person\'s or a company\'s life.',
    required: ['slug', 'title', 'audience', 'summary', 'stepCount', 'itemCount', 'isDemo'],
    properties: {
      slug: text('Its address name: /life-events/{slug}.'),
      title: { type: 'string' },
      audience: { type: 'string', enum: [...LIFE_EVENT_AUDIENCES] },
      summary: { type: 'string' },
      stepCount: { type: 'integer' },
      itemCount: { type: 'integer' },
      isDemo: { type: 'boolean', description: 'Generated demo content (示例).' },
    },
  },
  LifeEvent: {
    allOf: [ref('LifeEventSummary'), {
      type: 'object',
      required: ['keywords', 'steps', 'revision', 'publishedAt'],
      properties: {
        keywords: { type: 'array', items: { type: 'string' }, description: 'What citizens type for it; search shows the event above the items.' },
        revision: { type: 'integer' },
        publishedAt: { type: 'string', format: 'date-time' },
        steps: {
          type: 'array',
          description: 'The steps in order; each is one or more items with a note (what first, what the previous step gives you).',
          items: {
            type: 'object',
            required: ['title', 'note', 'items'],
            properties: {
              title: { type: 'string' },
              note: { type: ['string', 'null'] },
              items: { type: 'array', items: { type: 'object', required: ['code', 'name', 'department', 'visits', 'online'], properties: { code: { type: 'string' }, name: { type: 'string' }, type: { type: 'string' }, status: { type: 'string' }, department: { type: 'object', properties: { name: { type: 'string' }, code: { type: 'string' } } }, visits: { type: ['integer', 'null'] }, online: nullable({ type: 'object', properties: { level: { type: 'string', enum: [...ONLINE_LEVELS] }, url: { type: ['string', 'null'] } } }), promisedTimeLimitDays: days('Promised time limit, working days.') } } },
            },
          },
        },
      },
    }],
  },
}

const JSON_TYPES: Record<ColumnType, object> = { text: { type: 'string' }, integer: { type: 'integer' }, decimal: { type: 'number' }, boolean: { type: 'boolean' }, date: { type: 'string', format: 'date' }, datetime: { type: 'string', format: 'date-time' }, list: { type: 'array' } }

/** The data dictionary of the downloads: each sheet's columns with their meaning, type and JSON field. */
function dataDictionarySchema() {
  const sheets = new Map<string, Record<string, object>>()
  for (const entry of dataDictionary(dictionaryTables())) {
    const columns = sheets.get(entry.sheet) ?? {}
    columns[entry.column] = { ...JSON_TYPES[entry.type], description: `${entry.meaning}${entry.field ? ` (JSON: \`${entry.field}\`)` : ''}` }
    sheets.set(entry.sheet, columns)
  }
  return {
    type: 'object',
    description: 'The columns of every open-data table, sheet by sheet (CSV is the first sheet of a list): their meaning, type and the field of the JSON download holding the same value. Every download carries it: Excel as a last sheet 数据字典, JSON as `dictionary`, CSV by a `Link: rel="describedby"` header to /api/open-data/dictionary.csv.',
    properties: Object.fromEntries([...sheets].map(([sheet, columns]) => [sheet, { type: 'object', properties: columns }])),
  }
}

const paging = powerListQuerySchema.pick({ page: true, pageSize: true })
const formatParameter = pathParameter('format', z.enum(OPEN_DATA_FORMATS), 'File format: CSV (UTF-8 with BOM), JSON, or an Excel workbook.')
const versionParameter = pathParameter('versionId', versionIdSchema, 'Id of a published list version (see /api/open-data).')

const FILE_CONTENT = {
  'text/csv': { schema: { type: 'string' } },
  'application/json': { schema: ref('OpenDataJson') },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {},
}
const fileResponse = (description: string) => ({
  description: `${description} Sent as an attachment (Content-Disposition with an ASCII file name and an RFC 5987 UTF-8 file name).`,
  content: FILE_CONTENT,
})

const LIST_DESCRIPTIONS: Record<(typeof LIST_KINDS)[number], string> = {
  power: 'the power list (权力清单, item types 01-10) and the public services (type 20): every item, cancelled ones included',
  responsibility: 'the responsibility list (责任清单): every duty with its accountability cases (追责情形) and the code of its power item',
  fund: 'the special-fund list (财政专项资金管理清单): every fund with its published allocations (a second sheet in Excel, nested in JSON, one joined column in CSV)',
}

function downloadPaths() {
  const paths: Record<string, object> = {}
  for (const list of LIST_KINDS) {
    paths[`/api/open-data/${list}.{format}`] = {
      get: {
        tags: ['Open data'],
        summary: `Download ${LIST_DESCRIPTIONS[list]}, as published now`,
        description: 'Takes the filters of the list API, without paging: the file holds every matching record.',
        parameters: [formatParameter, ...queryParameters(exportFilterSchemas[list])],
        responses: { 200: fileResponse('The list.'), 400: invalid },
      },
    }
    paths[`/api/open-data/versions/{versionId}/${list}.{format}`] = {
      get: {
        tags: ['Open data'],
        summary: `Download ${LIST_DESCRIPTIONS[list]}, exactly as it stood when a list version was published`,
        parameters: [versionParameter, formatParameter, ...queryParameters(exportFilterSchemas[list])],
        responses: { 200: fileResponse('The list as published in that version.'), 400: invalid, 404: notFound('VERSION_NOT_FOUND') },
      },
    }
  }
  for (const list of LIST_KINDS) {
    paths[`/api/open-data/compare/${list}.{format}`] = {
      get: {
        tags: ['Open data'],
        summary: `Download what changed in ${LIST_DESCRIPTIONS[list].split(':')[0]} between two days`,
        description: 'The comparison of /api/v1/compare/{list}, every record, without paging.',
        parameters: [formatParameter, ...queryParameters(compareQuerySchemas[list]).filter((p) => p.name !== 'page' && p.name !== 'pageSize')],
        responses: { 200: fileResponse('The changes between the two days.'), 400: invalid },
      },
    }
  }
  paths['/api/open-data/versions/{versionId}/changes.{format}'] = {
    get: {
      tags: ['Open data'],
      summary: 'Download what a list version changed: every record added, cancelled, delegated or changed, with its document number (文号)',
      parameters: [versionParameter, formatParameter, ...queryParameters(noQuerySchema)],
      responses: { 200: fileResponse('The changes.'), 400: invalid, 404: notFound('VERSION_NOT_FOUND') },
    },
  }
  return paths
}

function buildDocument() {
  return {
    openapi: '3.1.0',
    info: {
      title: '三张清单一张网 public API',
      version: '1.0.0',
      description: [
        'Read-only access to the published power list, responsibility list and special-fund list. No key is needed.',
        'Lists are paginated: `page` (from 1) and `pageSize` (at most 200); the answer carries `total` and `pageCount`.',
        'Filters repeat to select several values (`dept=3&dept=7`); an unknown parameter or value is refused with 400, never ignored.',
        'Item data comes from the public repository v-luobo/zwfw (Apache-2.0). Duties, accountability cases, boundaries, special funds, service guides, service halls and life events are generated demo data, marked `isDemo` / `hasDemoContent`.',
      ].join('\n\n'),
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    },
    servers: [{ url: '/' }],
    tags: [{ name: 'Search' }, { name: 'Lists' }, { name: 'Open data' }],
    paths: {
      '/api/search': {
        get: {
          tags: ['Search'],
          summary: 'Search all three lists, with facets and highlighting',
          parameters: queryParameters(searchQuerySchema),
          responses: { 200: { description: 'One page of hits with facet counts.', content: jsonContent({ type: 'object' }) }, 400: invalid, 503: error('Search is unavailable (`SEARCH_UNAVAILABLE`); the list routes keep working.') },
        },
      },
      '/api/v1/power-items': listOperation('Power items and public services', powerListQuerySchema, 'Lists'),
      '/api/v1/power-items/{code}': recordOperation('One power item or public service, with its service guide (办事指南: materials, steps, places, time limits, fee, visits, online)', pathParameter('code', itemCodeSchema, 'Item code (实施编码).'), 'Lists', 'ITEM_NOT_FOUND', ref('PowerItem')),
      '/api/v1/life-events': {
        get: {
          tags: ['Lists'],
          summary: 'Life events (一件事) on offer, or those a search query names',
          parameters: queryParameters(lifeEventListQuerySchema),
          responses: { 200: { description: 'The life events, best match first when `q` is given.', content: jsonContent({ type: 'object', required: ['total', 'items'], properties: { total: { type: 'integer' }, items: { type: 'array', items: ref('LifeEventSummary') } } }) }, 400: invalid },
        },
      },
      '/api/v1/life-events/{slug}': recordOperation('One life event with its ordered steps and their items', pathParameter('slug', lifeEventSlugSchema, 'The life event\'s address name.'), 'Lists', 'LIFE_EVENT_NOT_FOUND', ref('LifeEvent')),
      '/api/v1/duties': listOperation('Duties with their accountability cases', dutyListQuerySchema, 'Lists'),
      '/api/v1/funds': listOperation('Special funds', fundListQuerySchema, 'Lists'),
      '/api/v1/funds/{code}': recordOperation('One special fund with its allocations and public history', pathParameter('code', z.string().min(1).max(200), 'Fund code.'), 'Lists'),
      ...Object.fromEntries(LIST_KINDS.map((list) => [`/api/v1/compare/${list}`, {
        get: {
          tags: ['Lists'],
          summary: `What changed in ${LIST_DESCRIPTIONS[list].split(':')[0]} between the ends of two days: each record added, cancelled, delegated, changed or retained, field by field, with the versions published in between (document number, public reason)`,
          parameters: queryParameters(compareQuerySchemas[list]),
          responses: { 200: pageOf('One page of changed records, with `counts` per kind of change.'), 400: invalid },
        },
      }])),
      '/api/v1/departments': listOperation('Departments (实施主体)', paging, 'Lists'),
      '/api/v1/departments/{code}': recordOperation('One department', pathParameter('code', z.string().min(1).max(200), 'Department code.'), 'Lists'),
      '/api/v1/announcements': listOperation('Adjustment announcements (调整公告) of published list versions', paging, 'Lists'),
      '/api/v1/announcements/{id}': recordOperation('One announcement', pathParameter('id', z.coerce.number().int().positive(), 'Announcement id.'), 'Lists'),
      '/api/open-data': {
        get: {
          tags: ['Open data'],
          summary: 'The downloadable lists and every published list version',
          responses: { 200: { description: 'The catalogue.', content: jsonContent(ref('OpenDataCatalogue')) } },
        },
      },
      ...downloadPaths(),
      '/api/open-data/dictionary.csv': {
        get: { tags: ['Open data'], summary: 'The data dictionary of every open-data table: each column, its JSON field, type and meaning (see the schema OpenDataDictionary)', responses: { 200: fileResponse('The dictionary as CSV.') } },
      },
      '/api/open-data/guide-materials.csv': {
        get: {
          tags: ['Open data'],
          summary: 'The materials (申请材料) of the published service guides, one row per material keyed by item code: the second sheet of the power list\'s Excel download, as CSV',
          parameters: queryParameters(exportFilterSchemas.power),
          responses: { 200: fileResponse('The materials.'), 400: invalid },
        },
      },
    },
    components: {
      schemas: {
        ApiErrorData: {
          type: 'object',
          description: 'Why a request was refused: a stable code for programs, a message for people.',
          required: ['error', 'message'],
          properties: {
            error: { type: 'string', examples: ['VALIDATION_FAILED', 'ITEM_NOT_FOUND', 'VERSION_NOT_FOUND', 'SEARCH_UNAVAILABLE'] },
            message: { type: 'string' },
            issues: { type: 'array', items: { type: 'object', required: ['path', 'message'], properties: { path: { type: 'string', description: 'The parameter at fault.' }, message: { type: 'string' } } } },
          },
        },
        ApiError: {
          type: 'object',
          required: ['statusCode', 'data'],
          properties: { statusCode: { type: 'integer' }, statusMessage: { type: 'string' }, message: { type: 'string' }, data: ref('ApiErrorData') },
        },
        Page: {
          type: 'object',
          required: ['items', 'total', 'page', 'pageSize', 'pageCount'],
          properties: {
            items: { type: 'array', items: { type: 'object' } },
            total: { type: 'integer', description: 'Records matching the filters, on all pages.' },
            page: { type: 'integer' },
            pageSize: { type: 'integer' },
            pageCount: { type: 'integer' },
          },
        },
        ...GUIDE_SCHEMAS,
        OpenDataDictionary: dataDictionarySchema(),
        OpenDataJson: {
          type: 'object',
          required: ['list', 'version', 'total', 'items', 'dictionary'],
          properties: {
            list: { type: 'string', enum: [...LIST_KINDS, 'changes'] },
            version: { oneOf: [{ type: 'null' }, { type: 'object', properties: { id: { type: 'integer' }, title: { type: 'string' }, publishedAt: { type: 'string', format: 'date-time' } } }] },
            total: { type: 'integer' },
            items: { type: 'array', items: { type: 'object' }, description: 'The records; a power item carries its guide nested as `guide` (schema Guide, with `locations` naming the halls), or null.' },
            dictionary: { type: 'array', description: 'The data dictionary of the download (see OpenDataDictionary).', items: { type: 'object', required: ['sheet', 'column', 'field', 'type', 'meaning'], properties: { sheet: { type: 'string' }, column: { type: 'string' }, field: { type: ['string', 'null'] }, type: { type: 'string', enum: Object.keys(JSON_TYPES) }, meaning: { type: 'string' } } } },
          },
        },
        OpenDataCatalogue: {
          type: 'object',
          properties: {
            lists: { type: 'array', items: { type: 'object', properties: { list: { type: 'string', enum: [...LIST_KINDS] }, total: { type: 'integer' } } } },
            formats: { type: 'array', items: { type: 'string', enum: [...OPEN_DATA_FORMATS] } },
            versions: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  id: { type: 'integer' }, title: { type: 'string' }, year: { type: 'integer' }, batch: { type: 'integer' },
                  documentNo: { type: ['string', 'null'] }, effectiveDate: { type: 'string', format: 'date' },
                  publishedAt: { type: 'string', format: 'date-time' }, changes: { type: 'integer', description: 'Changes the version carried: records and their service guides, one line each in its changes file.' },
                },
              },
            },
          },
        },
      },
    },
  }
}

let built: ReturnType<typeof buildDocument> | undefined

/** The description is the same for the life of the process: built on first request. */
export function openApiDocument() {
  built ??= buildDocument()
  return built
}
