// Open data as a download client meets it: files with the right type and name over HTTP, clear
// 4xx answers for wrong addresses, the OpenAPI description, and the page that links it all.
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startPortalWithRealData, type Portal } from '../helpers/portal'
import type { OpenDataCatalogue, OpenDataJson, PowerItemRecord } from '../../shared/open-data'

let portal: Portal
let catalogue: OpenDataCatalogue

const get = (path: string) => fetch(`${portal.url}${path}`)

beforeAll(async () => {
  ({ portal } = await startPortalWithRealData())
  catalogue = await (await get('/api/open-data')).json() as OpenDataCatalogue
})
afterAll(async () => { await portal?.stop() })

const CONTENT_TYPES = {
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
}

describe('open data over HTTP', () => {
  it('downloads every list in every format as an attachment with a Chinese file name', async () => {
    for (const [list, zh] of [['power', '权力清单'], ['responsibility', '责任清单'], ['fund', '财政专项资金管理清单']] as const) {
      for (const format of ['csv', 'json', 'xlsx'] as const) {
        const res = await get(`/api/open-data/${list}.${format}`)
        expect(res.status, `${list}.${format}`).toBe(200)
        expect(res.headers.get('content-type')).toBe(CONTENT_TYPES[format])
        const disposition = res.headers.get('content-disposition')!
        expect(disposition).toContain(`attachment; filename="${list}-list.${format}"`)
        expect(decodeURIComponent(disposition.split("filename*=UTF-8''")[1]!)).toBe(`${zh}.${format}`)
        expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(1000)
      }
    }
  })

  it('serves a CSV that Excel reads as UTF-8, a workbook that opens, and JSON with every item', async () => {
    const csvAnswer = await get('/api/open-data/power.csv')
    // A CSV holds one table: its data dictionary is a file of its own, linked from the answer.
    expect(csvAnswer.headers.get('link')).toBe('</api/open-data/dictionary.csv>; rel="describedby"; type="text/csv"')
    const dictionary = new TextDecoder().decode(await (await get('/api/open-data/dictionary.csv')).arrayBuffer())
    expect(dictionary).toContain('权力清单,到现场次数,guide.visits,integer,')
    const materials = new TextDecoder().decode(await (await get('/api/open-data/guide-materials.csv')).arrayBuffer())
    expect(materials.split('\r\n')[0]).toMatch(/^\uFEFF?事项编码,事项名称,序号,材料名称,是否必需/)
    const csv = new Uint8Array(await csvAnswer.arrayBuffer())
    expect([...csv.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const text = new TextDecoder().decode(csv)
    expect(text.split('\r\n')[0]).toMatch(/^\uFEFF?事项编码,事项名称,/)
    expect(text).toMatch(/普通护照签发,[^\r]*区公安分局/)

    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(await (await get('/api/open-data/fund.xlsx')).arrayBuffer())
    expect(wb.worksheets.map((w) => w.name)).toEqual(['专项资金', '分配结果', '数据字典'])
    expect(wb.worksheets[0]!.rowCount).toBe(catalogue.lists.find((l) => l.list === 'fund')!.total + 1)

    const services = await (await get('/api/open-data/power.json?type=PUBLIC_SERVICE')).json() as OpenDataJson<PowerItemRecord>
    expect(services.total).toBe(348)
    expect(new Set(services.items.map((i) => i.typeName))).toEqual(new Set(['公共服务']))
  })

  it('serves each published version and its changes', async () => {
    const version = catalogue.versions[0]!
    expect(version.batch).toBe(1)
    expect(version.changes).toBeGreaterThan(1135)
    const list = await get(`/api/open-data/versions/${version.id}/power.xlsx`)
    expect(list.status).toBe(200)
    expect(list.headers.get('content-disposition')).toContain(`filename="power-list-${version.year}-batch-1.xlsx"`)
    const changes = await get(`/api/open-data/versions/${version.id}/changes.csv`)
    expect(changes.status).toBe(200)
    const rows = (await changes.text()).trim().split('\r\n')
    expect(rows[0]).toContain('变更类型')
    expect(rows).toHaveLength(version.changes + 1)
  })

  it('refuses unknown formats, lists, filters and versions with a machine-readable error', async () => {
    for (const path of ['/api/open-data/power.pdf', '/api/open-data/budget.csv', '/api/open-data/power.csv?page=2', '/api/open-data/fund.json?method=LOTTERY', '/api/open-data/versions/abc/power.csv', '/api/open-data/versions/1/changes.csv?dept=1']) {
      const res = await get(path)
      expect(res.status, path).toBe(400)
      expect((await res.json()).data.error, path).toBe('VALIDATION_FAILED')
    }
    const bad = await (await get('/api/open-data/power.pdf')).json()
    expect(bad.data.issues).toEqual([expect.objectContaining({ path: 'format' })])
    for (const path of ['/api/open-data/versions/999999/power.csv', '/api/open-data/versions/999999/changes.json']) {
      const res = await get(path)
      expect(res.status, path).toBe(404)
      expect((await res.json()).data.error).toBe('VERSION_NOT_FOUND')
    }
  })

  it('describes the API in OpenAPI 3.1, with parameters from the shared schemas', async () => {
    const res = await get('/api/openapi.json')
    expect(res.status).toBe(200)
    const doc = await res.json()
    expect(doc.openapi).toBe('3.1.0')
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining([
      '/api/search', '/api/v1/power-items', '/api/v1/power-items/{code}', '/api/v1/duties', '/api/v1/funds',
      '/api/v1/funds/{code}', '/api/v1/departments', '/api/v1/departments/{code}', '/api/v1/announcements', '/api/v1/announcements/{id}',
      '/api/open-data/power.{format}', '/api/open-data/versions/{versionId}/fund.{format}', '/api/open-data/versions/{versionId}/changes.{format}',
    ]))
    const params = doc.paths['/api/v1/power-items'].get.parameters as { name: string; schema: { maximum?: number } }[]
    expect(params.map((p) => p.name)).toEqual(['dept', 'type', 'status', 'level', 'date', 'page', 'pageSize'])
    expect(params.find((p) => p.name === 'pageSize')!.schema.maximum).toBe(200)
    expect(doc.components.schemas.ApiErrorData.required).toEqual(['error', 'message'])
    // The guide, the life events and the data dictionary are described too.
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/life-events', '/api/v1/life-events/{slug}', '/api/open-data/dictionary.csv', '/api/open-data/guide-materials.csv']))
    expect(doc.paths['/api/v1/power-items/{code}'].get.responses[200].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/PowerItem' })
    expect(doc.components.schemas.Guide.required).toEqual(expect.arrayContaining(['conditions', 'materials', 'steps', 'locations', 'legalTimeLimitDays', 'promisedTimeLimitDays', 'fee', 'visits', 'online', 'isDemo']))
    expect(doc.components.schemas.GuideMaterial.required).toEqual(expect.arrayContaining(['name', 'required']))
    expect(doc.components.schemas.OpenDataDictionary.properties['申请材料'].properties['材料名称'].description).toContain('guide.materials[].name')
  })
})

describe('the open data page', () => {
  it('lists every download, every version and the API description, rendered on the server', async () => {
    const res = await get('/open-data')
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toMatch(/<h1[^>]*>开放数据<\/h1>/)
    for (const list of ['power', 'responsibility', 'fund']) {
      for (const format of ['csv', 'json', 'xlsx']) expect(html).toContain(`href="/api/open-data/${list}.${format}"`)
    }
    const version = catalogue.versions[0]!
    expect(html).toContain(version.title)
    expect(html).toContain(`href="/api/open-data/versions/${version.id}/changes.xlsx"`)
    expect(html).toContain(`href="/api/open-data/versions/${version.id}/power.csv"`)
    expect(html).toContain('href="/api/openapi.json"')
    expect(html).toContain('Apache-2.0')
    expect(html).toMatch(/<nav[^>]*>[\s\S]*href="\/open-data"[\s\S]*<\/nav>/)

    const en = await (await get('/en/open-data')).text()
    expect(en).toMatch(/<h1[^>]*>Open data<\/h1>/)
    expect(en).toContain('CSV: download the Power list')
  })
})
