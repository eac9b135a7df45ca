// Open data over the real data: every list as CSV, JSON and Excel with the filters of the portal,
// each published version reproduced exactly, and nothing a spreadsheet would run as a formula.
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { recordVersions } from '../../server/services/history'
import { powerItemSnapshot } from '../../server/services/lists/snapshots'
import { changesDownload, listDownload, openDataCatalogue, versionListDownload, type Download } from '../../server/services/open-data/downloads'
import { exportFilterSchemas, type ChangeRecord, type DutyRecord, type FundRecord, type ListExport, type OpenDataJson, type PowerItemRecord } from '../../shared/open-data'
import { createTestEnv, type TestEnv } from '../helpers/services'
import { csvRecords as readCsv } from '../helpers/spreadsheets'

let env: TestEnv
let versionId: number
let policeId: number

beforeAll(async () => {
  env = await createTestEnv({ realData: true })
  versionId = (await env.db.prisma.listVersion.findFirstOrThrow()).id
  policeId = (await env.db.prisma.department.findUniqueOrThrow({ where: { name: '区公安分局' } })).id
})
afterAll(async () => { await env.close() })

/** The export request as the handler builds it from a query string. */
function request(list: ListExport['list'], query: Record<string, unknown> = {}): ListExport {
  return { list, filters: exportFilterSchemas[list].parse(query) } as ListExport
}

/** The rows of a CSV download, keyed by its header (the file must start with a BOM). */
const csvRecords = (download: Download) => readCsv(download.body as string)

const json = <T>(download: Download) => JSON.parse(download.body as string) as OpenDataJson<T>

async function workbook(download: Download) {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(download.body as unknown as ArrayBuffer)
  return wb
}

const sheetRows = (ws: ExcelJS.Worksheet) => {
  const rows: (string | number | null)[][] = []
  ws.eachRow((row) => rows.push((row.values as (string | number | null)[]).slice(1)))
  return rows
}

describe('the current lists', () => {
  it('gives the power list as CSV with a BOM, Chinese headers and one row per item', async () => {
    const download = await listDownload(env.db.prisma, request('power'), 'csv')
    expect(download.contentType).toBe('text/csv; charset=utf-8')
    expect(download).toMatchObject({ fileName: '权力清单.csv', asciiFileName: 'power-list.csv' })
    const { header, rows } = csvRecords(download)
    expect(header.slice(0, 6)).toEqual(['事项编码', '事项名称', '俗称', '事项类型', '类型编码', '实施主体'])
    expect(header).toEqual(expect.arrayContaining(['设定依据', '行使层级', '状态', '状态文号']))
    expect(rows).toHaveLength(await env.db.prisma.powerItem.count())
    expect(rows.find((r) => r['事项名称'] === '普通护照签发')).toMatchObject({ 实施主体: '区公安分局', 事项类型: '行政许可', 状态: '实施中', 行使层级: '县（区）级' })
  })

  it('gives each list as an Excel workbook: power items, duties, and funds with their allocations on a second sheet', async () => {
    const db = env.db.prisma
    const power = await workbook(await listDownload(db, request('power'), 'xlsx'))
    expect(power.worksheets.map((w) => w.name)).toEqual(['权力清单', '申请材料', '数据字典'])
    const powerRows = sheetRows(power.worksheets[0]!)
    expect(powerRows[0]!.slice(0, 2)).toEqual(['事项编码', '事项名称'])
    expect(powerRows[0]).toEqual(expect.arrayContaining(['承诺时限（工作日）', '是否收费', '到现场次数', '网上办理深度', '办理地点']))
    expect(powerRows).toHaveLength((await db.powerItem.count()) + 1)
    expect(powerRows.some((r) => r[1] === '普通护照签发' && r[5] === '区公安分局')).toBe(true)
    // The guides' materials on a sheet of their own, keyed by item code.
    const materialRows = sheetRows(power.worksheets[1]!)
    expect(materialRows[0]!.slice(0, 4)).toEqual(['事项编码', '事项名称', '序号', '材料名称'])
    expect(materialRows).toHaveLength((await db.guideMaterial.count()) + 1)
    const passport = await db.powerItem.findFirstOrThrow({ where: { name: '普通护照签发' } })
    expect(materialRows.filter((r) => r[0] === passport.code).map((r) => r[3])).toEqual(expect.arrayContaining(['居民身份证', '居民户口簿']))
    // Every column of both sheets is in the data dictionary, with its meaning and type.
    const dictionary = sheetRows(power.worksheets[2]!)
    expect(dictionary[0]).toEqual(['工作表', '列名', 'JSON字段', '类型', '含义'])
    expect(dictionary).toHaveLength(powerRows[0]!.length + materialRows[0]!.length + 1)
    expect(dictionary.find((r) => r[1] === '到现场次数')).toEqual(['权力清单', '到现场次数', 'guide.visits', 'integer', expect.stringContaining('最多跑一次')])

    const duties = await workbook(await listDownload(db, request('responsibility'), 'xlsx'))
    const dutyRows = sheetRows(duties.worksheets[0]!)
    expect(dutyRows[0]).toEqual(expect.arrayContaining(['事项编码', '责任事项', '追责情形']))
    expect(dutyRows).toHaveLength((await db.duty.count()) + 1)

    const funds = await workbook(await listDownload(db, request('fund'), 'xlsx'))
    expect(funds.worksheets.map((w) => w.name)).toEqual(['专项资金', '分配结果', '数据字典'])
    expect(sheetRows(funds.worksheets[0]!)).toHaveLength((await db.specialFund.count()) + 1)
    const allocations = sheetRows(funds.worksheets[1]!)
    expect(allocations).toHaveLength((await db.fundAllocation.count()) + 1)
    expect(typeof allocations[1]![4]).toBe('number')
  })

  it('gives JSON with cases and allocations nested, amounts kept to the cent', async () => {
    const db = env.db.prisma
    const power = json<PowerItemRecord>(await listDownload(db, request('power'), 'json'))
    expect(power).toMatchObject({ list: 'power', version: null, total: await db.powerItem.count() })
    expect(power.items.find((i) => i.name === '普通护照签发')).toMatchObject({ department: '区公安分局', type: 'LICENSING', typeCode: '01', status: 'IN_FORCE' })
    // The guide nested, and the data dictionary beside the records.
    expect(power.items.find((i) => i.name === '普通护照签发')!.guide).toMatchObject({ isDemo: true, visits: 1, materials: expect.arrayContaining([expect.objectContaining({ name: '居民身份证', required: true })]) })
    expect(power.dictionary).toContainEqual({ sheet: '申请材料', column: '是否必需', field: 'guide.materials[].required', type: 'boolean', meaning: expect.any(String) })

    const duties = json<DutyRecord>(await listDownload(db, request('responsibility'), 'json'))
    const passportDuty = await db.duty.findFirstOrThrow({ where: { powerItem: { name: '普通护照签发' } }, include: { accountabilityCases: true, powerItem: true } })
    expect(duties.items.find((d) => d.code === passportDuty.code)).toMatchObject({ powerItemCode: passportDuty.powerItem!.code, cases: expect.arrayContaining([expect.objectContaining({ content: passportDuty.accountabilityCases[0]!.content })]) })
    const dutyCsv = csvRecords(await listDownload(db, request('responsibility'), 'csv'))
    expect(dutyCsv.rows.find((r) => r['责任编码'] === passportDuty.code)!['追责情形']).toContain(passportDuty.accountabilityCases[0]!.content)

    const funds = json<FundRecord>(await listDownload(db, request('fund'), 'json'))
    const stored = await db.specialFund.findFirstOrThrow({ include: { allocations: true } })
    const fund = funds.items.find((f) => f.code === stored.code)!
    expect(fund.amount).toBe(stored.amount.toFixed(2))
    expect(fund.allocations).toHaveLength(stored.allocations.length)
  })

  it('narrows each download to the filters of the portal', async () => {
    const db = env.db.prisma
    const licences = json<PowerItemRecord>(await listDownload(db, request('power', { dept: String(policeId), type: 'LICENSING' }), 'json'))
    expect(licences.total).toBe(await db.powerItem.count({ where: { departmentId: policeId, type: 'LICENSING' } }))
    expect(licences.total).toBeGreaterThan(0)
    expect(licences.total).toBeLessThan(await db.powerItem.count({ where: { departmentId: policeId } }))
    expect(new Set(licences.items.map((i) => i.department))).toEqual(new Set(['区公安分局']))

    const funds = await db.specialFund.findMany()
    const year = funds[0]!.year
    const byYear = json<FundRecord>(await listDownload(db, request('fund', { year: String(year), sort: 'amount' }), 'json'))
    expect(byYear.total).toBe(funds.filter((f) => f.year === year).length)
    expect(byYear.items.map((f) => Number(f.amount))).toEqual([...byYear.items.map((f) => Number(f.amount))].sort((a, b) => b - a))
    const supervision = json<DutyRecord>(await listDownload(db, request('responsibility', { kind: 'SUPERVISION', dept: String(policeId) }), 'json'))
    expect(supervision.total).toBe(await db.duty.count({ where: { kind: 'SUPERVISION', departmentId: policeId } }))
  })

  it('lists the published versions with the number of changes each made', async () => {
    const catalogue = await openDataCatalogue(env.db.prisma)
    expect(catalogue.lists).toContainEqual({ list: 'power', total: 1135 })
    // The import published every item, duty, fund and (demo) service guide it created.
    const published = 1135 + await env.db.prisma.duty.count() + await env.db.prisma.specialFund.count() + await env.db.prisma.serviceGuide.count()
    expect(catalogue.versions[0]).toMatchObject({ id: versionId, batch: 1, changes: published })
  })
})

describe('a list version', () => {
  it('stays exactly as published after a later change, which the next version shows with its document number', async () => {
    const db = env.db.prisma
    const before = json<PowerItemRecord>(await listDownload(db, request('power'), 'json'))
    const item = await db.powerItem.findFirstOrThrow({ where: { name: '普通护照签发' } })
    await db.$transaction(async (tx) => {
      const at = new Date()
      const version = await tx.listVersion.create({ data: { year: 2099, batch: 1, title: '2099年第1批调整', documentNo: '广安审改〔2099〕1号', effectiveDate: at, status: 'PUBLISHED', publishedAt: at } })
      const updated = await tx.powerItem.update({ where: { id: item.id }, data: { name: '普通护照签发（含换发）', revision: { increment: 1 } } })
      await recordVersions(tx, 'POWER_ITEM', [{ entityId: item.id, revision: updated.revision, data: powerItemSnapshot(updated) }], { action: 'UPDATE', at, listVersionId: version.id })
    })

    const asPublished = json<PowerItemRecord>((await versionListDownload(db, request('power'), 'json', versionId))!)
    expect(asPublished.items).toEqual(before.items)
    expect(asPublished.version).toMatchObject({ id: versionId })
    const oldCsv = csvRecords((await versionListDownload(db, request('power'), 'csv', versionId))!)
    expect(oldCsv.rows.find((r) => r['事项编码'] === item.code)!['事项名称']).toBe('普通护照签发')
    const now = csvRecords(await listDownload(db, request('power'), 'csv'))
    expect(now.rows.find((r) => r['事项编码'] === item.code)!['事项名称']).toBe('普通护照签发（含换发）')

    // Duties and funds were published by the import too.
    expect(json<DutyRecord>((await versionListDownload(db, request('responsibility'), 'json', versionId))!).total).toBe(await db.duty.count())

    const later = await db.listVersion.findFirstOrThrow({ where: { year: 2099 } })
    const changes = csvRecords((await changesDownload(db, later.id, 'csv'))!)
    expect(changes.rows).toEqual([expect.objectContaining({ 编码: item.code, 名称: '普通护照签发（含换发）', 实施主体: '区公安分局', 变更类型: '修改', 变更内容: '名称', 变更前后: '名称：普通护照签发 → 普通护照签发（含换发）', 文号: '广安审改〔2099〕1号' })])
    const imported = json<ChangeRecord>((await changesDownload(db, versionId, 'json'))!)
    expect(imported.total).toBe(1135 + await db.duty.count() + await db.specialFund.count() + await db.serviceGuide.count())
    expect(new Set(imported.items.map((c) => c.action))).toEqual(new Set(['ADD']))
    // A guide's change is told apart from its item's, under the item's code.
    expect(imported.items.filter((c) => c.list === 'power' && c.part === 'RECORD')).toHaveLength(1135)
    expect(imported.items.filter((c) => c.part === 'GUIDE')).toHaveLength(await db.serviceGuide.count())
    expect(changes.rows[0]!['变更部分']).toBe('清单记录')
  })

  it('knows no draft or missing version', async () => {
    const db = env.db.prisma
    const draft = await db.listVersion.create({ data: { year: 2099, batch: 2, title: '2099年第2批调整', effectiveDate: new Date(), status: 'DRAFT' } })
    expect(await versionListDownload(db, request('power'), 'csv', draft.id)).toBeNull()
    expect(await changesDownload(db, draft.id, 'json')).toBeNull()
    expect(await versionListDownload(db, request('fund'), 'xlsx', 999_999)).toBeNull()
  })
})

describe('formula injection', () => {
  it('turns text a spreadsheet would evaluate into plain text in CSV and Excel, and leaves JSON as it is', async () => {
    const db = env.db.prisma
    const item = await db.powerItem.findFirstOrThrow({ where: { type: 'PUBLIC_SERVICE' } })
    const evil = '=HYPERLINK("http://evil.example","点击")'
    await db.powerItem.update({ where: { id: item.id }, data: { name: evil, contact: '@SUM(1,2)', fees: '-2+3' } })

    const csv = csvRecords(await listDownload(db, request('power'), 'csv'))
    expect(csv.rows.find((r) => r['事项编码'] === item.code)).toMatchObject({ 事项名称: `'${evil}`, 咨询电话: "'@SUM(1,2)", 收费: "'-2+3" })

    const xlsx = await workbook(await listDownload(db, request('power'), 'xlsx'))
    const row = sheetRows(xlsx.worksheets[0]!).find((r) => r[0] === item.code)!
    expect(row[1]).toBe(`'${evil}`)

    const asJson = json<PowerItemRecord>(await listDownload(db, request('power'), 'json'))
    expect(asJson.items.find((i) => i.code === item.code)!.name).toBe(evil)
  })
})
