// The auditor's workspace and the search dictionary on the built portal with the real data: the
// reform office edits the dictionary (audited, applied to search through the outbox), the auditor
// finds that change in the log, opens it, verifies the chain and exports what they see; the list
// of a past date downloads as a file; every page passes axe-core on a phone.
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startDemoPortal, waitForIndex, type Portal } from '../helpers/portal'
import { api, signIn } from '../helpers/session'
import { hasChromium, seriousViolations } from '../helpers/browser'
import { chromiumPages } from '../helpers/pages'
import { csvRecords, xlsxRecords } from '../helpers/spreadsheets'
import { DEMO_PASSWORD } from '../../shared/demo-accounts'
import type { AuditPage } from '../../shared/audit'
import type { PointInTimeList } from '../../shared/history'
import type { DutyRecord } from '../../shared/open-data'
import type { SearchResult } from '../../shared/search'
import type { SynonymPage, SynonymView } from '../../shared/synonyms'

let portal: Portal
const cookies = { auditor: '', reform: '', admin: '' }
const TERM = '翠鸟飞飞'
let created: SynonymView

const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date())
const json = async <T>(res: Response) => (await res.json()) as T
/** The body as a spreadsheet program reads it: Response.text() would drop the byte order mark. */
const fileText = async (res: Response) => new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer())

beforeAll(async () => {
  portal = (await startDemoPortal()).portal
  cookies.auditor = await signIn(portal, 'auditor', DEMO_PASSWORD)
  cookies.reform = await signIn(portal, 'reform.office', DEMO_PASSWORD)
  cookies.admin = await signIn(portal, 'admin', DEMO_PASSWORD)
})
afterAll(async () => { await portal?.stop() })

describe('the search dictionary over HTTP', () => {
  it('lets the reform office add a colloquial term that search then understands, and refuses the same term twice', async () => {
    const res = await api(portal, 'POST', '/api/synonyms', { cookie: cookies.reform, body: { term: TERM, targets: ['普通护照'], kind: 'COLLOQUIAL', note: '市民热线' } })
    expect(res.status).toBe(201)
    created = await json<SynonymView>(res)
    expect(created).toMatchObject({ term: TERM, targets: ['普通护照'], kind: 'COLLOQUIAL' })
    const again = await api(portal, 'POST', '/api/synonyms', { cookie: cookies.admin, body: { term: TERM, targets: ['户口'], kind: 'SYNONYM' } })
    expect(again.status).toBe(409)
    expect((await again.json()).data).toMatchObject({ error: 'TERM_EXISTS', issues: [{ path: 'term' }] })
    const invalid = await api(portal, 'POST', '/api/synonyms', { cookie: cookies.admin, body: { term: 'x'.repeat(51), targets: [], kind: 'OTHER' } })
    expect(invalid.status).toBe(400)
    expect((await invalid.json()).data.issues.map((i: { path: string }) => i.path).sort()).toEqual(['kind', 'targets', 'term'])

    const found = await json<SynonymPage>(await api(portal, 'GET', `/api/synonyms?q=${encodeURIComponent('翠鸟')}`, { cookie: cookies.reform }))
    expect(found.items.map((s) => s.term)).toEqual([TERM])

    await waitForIndex(portal)
    const hits = await json<SearchResult>(await fetch(`${portal.url}/api/search?q=${encodeURIComponent(TERM)}`))
    expect(hits.hits.map((h) => h.name.map((p) => p.text).join(''))).toContain('普通护照签发')
  })

  it('keeps the stop words, and records each change in the audit log for the auditor', async () => {
    const { stopWords } = await json<{ stopWords: string[] }>(await api(portal, 'GET', '/api/synonyms/stop-words', { cookie: cookies.admin }))
    expect(stopWords.length).toBeGreaterThan(0)
    const put = await api(portal, 'PUT', '/api/synonyms/stop-words', { cookie: cookies.admin, body: { stopWords: [...stopWords, '请问一下'] } })
    expect((await json<{ stopWords: string[] }>(put)).stopWords).toContain('请问一下')

    const log = await json<AuditPage>(await api(portal, 'GET', '/api/audit/entries?entityType=SETTING', { cookie: cookies.auditor }))
    expect(log.items[0]).toMatchObject({ action: 'setting.update', actorName: 'admin', role: 'ADMIN', changes: [{ field: 'stopWords' }] })
    const synonyms = await json<AuditPage>(await api(portal, 'GET', `/api/audit/entries?entityType=SYNONYM&entityId=${created.id}`, { cookie: cookies.auditor }))
    expect(synonyms.items.map((e) => e.action)).toEqual(['synonym.create'])
    expect(synonyms.items[0]).toMatchObject({ actorName: 'reform.office', role: 'REFORM_OFFICE', after: { term: TERM } })
  })
})

describe('exports over HTTP', () => {
  it('exports the filtered log, all pages, as CSV and Excel files', async () => {
    const page = await json<AuditPage>(await api(portal, 'GET', '/api/audit/entries?action=auth.&pageSize=2', { cookie: cookies.auditor }))
    expect(page.total).toBeGreaterThan(2)
    const csv = await api(portal, 'GET', '/api/audit/entries?action=auth.&format=csv', { cookie: cookies.auditor })
    expect(csv.status).toBe(200)
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(csv.headers.get('content-disposition')).toMatch(/^attachment; filename="audit-log-\d{4}-\d{2}-\d{2}\.csv"/)
    const { rows } = csvRecords(await fileText(csv))
    expect(rows).toHaveLength(page.total)
    expect(rows.every((r) => r['操作']!.startsWith('auth.'))).toBe(true)
    const xlsx = await api(portal, 'GET', '/api/audit/entries?action=auth.&format=xlsx', { cookie: cookies.auditor })
    expect((await xlsxRecords(Buffer.from(await xlsx.arrayBuffer()))).rows).toHaveLength(page.total)
  })

  it('downloads the power list of a date exactly as the history API gives it', async () => {
    const list = await json<PointInTimeList>(await api(portal, 'GET', `/api/history/power-list?date=${today}&type=LICENSING`, { cookie: cookies.auditor }))
    expect(list.total).toBeGreaterThan(0)
    const res = await api(portal, 'GET', `/api/history/power-list.csv?date=${today}&type=LICENSING`, { cookie: cookies.auditor })
    expect(res.status).toBe(200)
    expect(csvRecords(await fileText(res)).rows.map((r) => r['事项编码'])).toEqual(list.items.map((i) => i.record.code))
    const xlsx = await api(portal, 'GET', `/api/history/power-list.xlsx?date=${today}&type=LICENSING`, { cookie: cookies.auditor })
    expect((await xlsxRecords(Buffer.from(await xlsx.arrayBuffer()))).rows).toHaveLength(list.total)
    expect((await api(portal, 'GET', '/api/history/power-list.pdf?date=2026-01-01', { cookie: cookies.auditor })).status).toBe(400)
  })

  it('downloads the responsibility list and the fund list of a date exactly as the history API gives them', async () => {
    const duties = await json<PointInTimeList>(await api(portal, 'GET', `/api/history/responsibility-list?date=${today}&kind=DEPARTMENT_DUTY`, { cookie: cookies.auditor }))
    expect(duties.total).toBeGreaterThan(0)
    expect(new Set(duties.items.map((i) => (i.record as DutyRecord).kind))).toEqual(new Set(['DEPARTMENT_DUTY']))
    const csv = await api(portal, 'GET', `/api/history/responsibility-list.csv?date=${today}&kind=DEPARTMENT_DUTY`, { cookie: cookies.auditor })
    expect(csv.headers.get('content-disposition')).toContain(`filename="responsibility-list-${today}.csv"`)
    const rows = csvRecords(await fileText(csv)).rows
    expect(rows.map((r) => [r['责任编码'], r['版本'], r['状态']])).toEqual(duties.items.map((i) => [i.record.code, String(i.revision), '实施中']))

    const funds = await json<PointInTimeList>(await api(portal, 'GET', `/api/history/fund-list?date=${today}&method=PROJECT`, { cookie: cookies.auditor }))
    expect(funds.total).toBeGreaterThan(0)
    const xlsx = await api(portal, 'GET', `/api/history/fund-list.xlsx?date=${today}&method=PROJECT`, { cookie: cookies.auditor })
    const sheet = await xlsxRecords(Buffer.from(await xlsx.arrayBuffer()))
    expect(sheet.rows.map((r) => [r['资金编码'], r['分配方式']])).toEqual(funds.items.map((i) => [i.record.code, '项目法']))
    // A list takes only its own filters; a date is required.
    expect((await api(portal, 'GET', `/api/history/fund-list?date=${today}&kind=DEPARTMENT_DUTY`, { cookie: cookies.auditor })).status).toBe(400)
    expect((await api(portal, 'GET', '/api/history/responsibility-list.csv', { cookie: cookies.auditor })).status).toBe(400)
  })

  it('renders the pages in English too', async () => {
    const html = await (await api(portal, 'GET', '/en/admin/audit', { cookie: cookies.auditor })).text()
    expect(html).toContain('Verify the chain')
    expect(html).not.toContain('校验哈希链')
  })
})


describe.skipIf(!hasChromium)('the auditor in a browser', () => {
  const { pageAt } = chromiumPages(() => portal.url)

  it('filters the log on a phone, opens an entry, verifies the chain and exports the CSV', async () => {
    const { context, page } = await pageAt('/admin/audit', cookies.auditor, { acceptDownloads: true })
    await page.getByLabel('对象类型').selectOption('SYNONYM')
    await page.getByRole('button', { name: '筛选', exact: true }).click()
    await page.waitForURL(/entityType=SYNONYM/)
    await expect.poll(() => page.locator('#entries-heading').textContent()).toMatch(/共 [1-9]\d* 条记录/)
    const entry = page.locator('details').filter({ hasText: 'synonym.create' }).first()
    await entry.locator('summary').click()
    const diff = entry.getByRole('table')
    await expect.poll(() => diff.textContent()).toContain(TERM)
    expect(await diff.textContent()).toContain('词语')
    expect(await seriousViolations(page)).toEqual([])
    await page.screenshot({ path: 'test-results/audit-entry-phone.png', fullPage: true })

    await page.getByRole('button', { name: '校验哈希链' }).click()
    await expect.poll(() => page.getByRole('status').first().textContent()).toMatch(/哈希链完整：共 \d+ 条记录/)

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '导出 CSV' }).click()])
    const { rows } = csvRecords(readFileSync((await download.path())!, 'utf8'))
    expect(rows.length).toBeGreaterThan(0)
    expect(rows.every((r) => r['对象类型'] === '同义词')).toBe(true)
    expect(rows.map((r) => r['对象编号'])).toContain(String(created.id))
    await page.screenshot({ path: 'test-results/audit-verified-phone.png' })
    await context.close()
  })

  it('shows the list of a date and the versions of an item', async () => {
    const { context, page } = await pageAt('/admin/history', cookies.auditor, { viewport: { width: 1280, height: 900 }, acceptDownloads: true })
    await page.getByLabel('日期').fill(today)
    await page.getByLabel('事项类型').selectOption('LICENSING')
    await page.getByRole('button', { name: '查看', exact: true }).click()
    await page.waitForURL(/date=/)
    await expect.poll(() => page.locator('#pit-heading + p + form + div h3').textContent()).toMatch(/的权力清单共 \d+ 项/)
    expect(await page.getByRole('link', { name: '下载 Excel' }).getAttribute('href')).toContain('/api/history/power-list.xlsx?date=')

    await page.getByLabel('按名称或编码查找记录').fill('普通护照签发')
    await page.getByRole('button', { name: '查找', exact: true }).click()
    await page.getByRole('link', { name: /^查看版本：普通护照签发$/ }).click()
    await page.waitForURL(/item=\d+/)
    await expect.poll(() => page.locator('#timeline-heading ~ div h3').first().textContent()).toContain('已发布版本')
    expect(await page.getByLabel('较早版本').isVisible()).toBe(true)
    expect(await seriousViolations(page)).toEqual([])
    await page.screenshot({ path: 'test-results/history-desktop.png', fullPage: true })
    await context.close()
  })

  it('switches the history page to the responsibility list on a phone and opens a duty\'s versions', async () => {
    const { context, page } = await pageAt(`/admin/history?date=${today}`, cookies.auditor, { acceptDownloads: true })
    await page.getByLabel('清单', { exact: true }).selectOption('responsibility')
    await page.getByLabel('类别').selectOption('DEPARTMENT_DUTY')
    await page.getByRole('button', { name: '查看', exact: true }).click()
    await page.waitForURL(/list=responsibility/)
    await expect.poll(() => page.locator('#pit-heading + p + form + div h3').textContent()).toMatch(/的责任清单共 [1-9]\d* 项/)
    expect(await page.getByRole('link', { name: '下载 CSV' }).getAttribute('href')).toMatch(/\/api\/history\/responsibility-list\.csv\?date=.*kind=DEPARTMENT_DUTY/)
    const table = page.getByRole('region', { name: /的责任清单共/ })
    expect(await table.getByRole('columnheader', { name: '类别' }).isVisible()).toBe(true)
    expect(await table.locator('tbody tr').first().textContent()).toContain('部门职责')

    await table.getByRole('link', { name: /第 1 版，查看全部版本$/ }).first().click()
    await page.waitForURL(/item=\d+/)
    await expect.poll(() => page.locator('#timeline-heading ~ div h3').first().textContent()).toContain('已发布版本（共 1 个）')
    expect(await page.locator('#timeline-heading').textContent()).toContain('责任清单')
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375)
    expect(await seriousViolations(page)).toEqual([])
    await page.screenshot({ path: 'test-results/history-duties-phone.png', fullPage: true })
    await context.close()
  })

  it('lets the reform office find, edit and delete a dictionary entry and see the index catch up', async () => {
    const { context, page } = await pageAt('/admin/synonyms', cookies.reform, { acceptDownloads: true })
    page.on('dialog', (dialog) => void dialog.accept())
    await expect.poll(() => page.getByRole('status').first().textContent(), { timeout: 20_000 }).toContain('搜索索引已同步')
    await page.getByRole('searchbox', { name: '词语' }).fill('翠鸟')
    await page.getByRole('button', { name: '查找', exact: true }).click()
    await page.waitForURL(/q=/)
    await page.getByRole('button', { name: `修改 ${TERM}` }).click()
    await page.getByLabel('对应词').nth(1).fill('普通护照、出入境证件')
    await page.getByRole('button', { name: '保存', exact: true }).click()
    await expect.poll(() => page.getByRole('alert').first().textContent()).toContain(`已保存“${TERM}”`)
    expect(await page.locator('main').textContent()).toContain('普通护照、出入境证件')
    expect(await seriousViolations(page)).toEqual([])
    await page.screenshot({ path: 'test-results/synonyms-phone.png', fullPage: true })

    await page.getByRole('button', { name: `删除 ${TERM}` }).click()
    await expect.poll(() => page.getByRole('alert').first().textContent()).toContain(`已删除“${TERM}”`)
    await expect.poll(() => page.getByRole('status').first().textContent(), { timeout: 20_000 }).toContain('搜索索引已同步')
    await context.close()
  })
})
