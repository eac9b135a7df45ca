// The OpenAPI 3.1 description of the public API. Query and path parameters are generated from
// the zod schemas the handlers validate with, so the description cannot drift from the checks.
import { z } from 'zod'
import { itemCodeSchema } from '../../../shared/items'
import { compareQuerySchemas, dutyListQuerySchema, fundListQuerySchema, LIST_KINDS, OPEN_DATA_FORMATS, powerListQuerySchema } from '../../../shared/lists'
import { exportFilterSchemas, versionIdSchema } from '../../../shared/open-data'
import { noQuerySchema } from '../../../shared/query'
import { searchQuerySchema } from '../../../shared/search'

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

function recordOperation(summary: string, parameter: ReturnType<typeof pathParameter>, tag: string, notFoundCode?: string) {
  return { get: { tags: [tag], summary, parameters: [parameter], responses: { 200: { description: 'The record.', content: jsonContent({ type: 'object' }) }, 400: invalid, 404: notFound(notFoundCode) } } }
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
        'Item data comes from the public repository v-luobo/zwfw (Apache-2.0). Duties, accountability cases, boundaries and special funds are generated demo data, marked `isDemo` / `hasDemoContent`.',
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
      '/api/v1/power-items/{code}': recordOperation('A power item or public service with its duties and public history', pathParameter('code', itemCodeSchema, 'Item code (实施编码).'), 'Lists', 'ITEM_NOT_FOUND'),
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
        OpenDataJson: {
          type: 'object',
          required: ['list', 'version', 'total', 'items'],
          properties: {
            list: { type: 'string', enum: [...LIST_KINDS, 'changes'] },
            version: { oneOf: [{ type: 'null' }, { type: 'object', properties: { id: { type: 'integer' }, title: { type: 'string' }, publishedAt: { type: 'string', format: 'date-time' } } }] },
            total: { type: 'integer' },
            items: { type: 'array', items: { type: 'object' } },
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
                  publishedAt: { type: 'string', format: 'date-time' }, changes: { type: 'integer', description: 'Records the version changed.' },
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
