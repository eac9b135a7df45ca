// 督查 on the built portal with the real data: the reform office keeps the working-day calendar
// (audited), reads every department's findings and opens the records behind them; an editor
// reads only their own department's, in the findings page and in the workspace; pages fit a
// phone and pass axe-core, on a phone and a desktop.
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { startPortalWithRealData, type Portal } from '../helpers/portal'
import { api, signIn } from '../helpers/session'
import { hasChromium, launchBrowser, screenshots, seriousViolations } from '../helpers/browser'
import { openDatabase } from '../../server/utils/prisma'
import { ensureDemoAccounts } from '../../server/services/auth/demo-accounts'
import { DEMO_PASSWORD } from '../../shared/demo-accounts'
import type { AuditPage } from '../../shared/audit'
import type { CalendarDayView, FindingsReport, ScorecardView } from '../../shared/oversight'

let portal: Portal
const cookies = { reform: '', police: '', auditor: '' }
let policeId = 0
let civilId = 0
const json = async <T>(res: Response) => (await res.json()) as T

beforeAll(async () => {
  const started = await startPortalWithRealData({ NUXT_PUBLIC_DEMO: '1' })
  portal = started.portal
  const db = await openDatabase(started.config)
  try {
    await ensureDemoAccounts(db.prisma)
    policeId = (await db.prisma.department.findUniqueOrThrow({ where: { name: '区公安分局' } })).id
    civilId = (await db.prisma.department.findUniqueOrThrow({ where: { name: '区民政局' } })).id
  } finally {
    await db.close()
  }
  cookies.reform = await signIn(portal, 'reform.office', DEMO_PASSWORD)
  cookies.police = await signIn(portal, 'police.editor', DEMO_PASSWORD)
  cookies.auditor = await signIn(portal, 'auditor', DEMO_PASSWORD)
})
afterAll(async () => { await portal?.stop() })

describe('findings and the calendar over HTTP', () => {
  it('counts the real lists city-wide, and the department rows add up to the city', async () => {
    const report = await json<FindingsReport>(await api(portal, 'GET', '/api/oversight/findings', { cookie: cookies.reform }))
    expect(report.cityTotal).toBeGreaterThan(0)
    expect(report.departments.reduce((n, d) => n + d.total, 0)).toBe(report.cityTotal)
    expect(Object.values(report.city).reduce((n, c) => n + c, 0)).toBe(report.cityTotal)
    const police = report.departments.find((d) => d.departmentId === policeId)!
    const own = await json<FindingsReport>(await api(portal, 'GET', `/api/oversight/findings?dept=${civilId}`, { cookie: cookies.police }))
    // An editor asking for another department still gets their own.
    expect(own.departments.map((d) => d.departmentId)).toEqual([policeId])
    expect(own.cityTotal).toBe(police.total)
    expect(new Set(own.findings.map((f) => f.departmentId))).toEqual(new Set([policeId]))
  })

  it('lets the reform office enter a holiday, audited, and refuses a bad date or name with the field at fault', async () => {
    const put = await api(portal, 'PUT', '/api/oversight/calendar/2026-10-01', { cookie: cookies.reform, body: { workday: false, name: '国庆节' } })
    expect(put.status).toBe(200)
    expect(await json<CalendarDayView>(put)).toEqual({ date: '2026-10-01', workday: false, name: '国庆节' })
    const badDate = await api(portal, 'PUT', '/api/oversight/calendar/2026-02-30', { cookie: cookies.reform, body: { workday: false, name: '假' } })
    expect(badDate.status).toBe(400)
    expect((await badDate.json()).data.error).toBe('VALIDATION_FAILED')
    const noName = await api(portal, 'PUT', '/api/oversight/calendar/2026-10-02', { cookie: cookies.reform, body: { workday: false, name: ' ' } })
    expect(noName.status).toBe(400)
    expect((await noName.json()).data.issues[0].path).toBe('name')
    const days = await json<{ days: CalendarDayView[] }>(await api(portal, 'GET', '/api/oversight/calendar?year=2026', { cookie: cookies.police }))
    expect(days.days).toEqual([{ date: '2026-10-01', workday: false, name: '国庆节' }])
    const log = await json<AuditPage>(await api(portal, 'GET', '/api/audit/entries?entityType=SETTING', { cookie: cookies.auditor }))
    expect(log.items.find((e) => e.action === 'calendar.create')).toMatchObject({ actorName: 'reform.office', after: { date: '2026-10-01', name: '国庆节' } })
    const missing = await api(portal, 'DELETE', '/api/oversight/calendar/2031-01-06', { cookie: cookies.reform })
    expect(missing.status).toBe(404)
    expect((await missing.json()).data.error).toBe('CALENDAR_DAY_NOT_FOUND')
  })
})

describe('scorecards over HTTP', () => {
  it('takes a period once, keeps it, gives an editor their own row and exports Excel', async () => {
    const weights = await api(portal, 'PUT', '/api/oversight/scorecard-weights', { cookie: cookies.reform, body: { completeness: 70, timeliness: 20 } })
    expect(weights.status).toBe(400)
    expect((await weights.json()).data.issues[0].message).toBe('权重之和应为100')
    const taken = await api(portal, 'POST', '/api/oversight/scorecards', { cookie: cookies.reform, body: { period: '2026' } })
    expect(taken.status).toBe(201)
    const card = await json<ScorecardView>(taken)
    expect(card.weights).toEqual({ completeness: 50, timeliness: 30, reformTasks: 20 })
    const findings = await json<FindingsReport>(await api(portal, 'GET', '/api/oversight/findings', { cookie: cookies.reform }))
    const recordFailures = findings.cityTotal - findings.city.FILING_OVERDUE - findings.city.REVIEW_OVERDUE - findings.city.PUBLICATION_OVERDUE
    expect(card.rows.reduce((n, r) => n + r.failed, 0)).toBe(recordFailures)
    expect((await api(portal, 'POST', '/api/oversight/scorecards', { cookie: cookies.reform, body: { period: '2026' } })).status).toBe(409)
    const own = await json<ScorecardView>(await api(portal, 'GET', `/api/oversight/scorecards/${card.id}`, { cookie: cookies.police }))
    expect(own.rows.map((r) => r.departmentId)).toEqual([policeId])
    const file = await api(portal, 'GET', `/api/oversight/scorecards/${card.id}/export`, { cookie: cookies.auditor })
    expect(file.status).toBe(200)
    expect(file.headers.get('content-disposition')).toContain(encodeURIComponent('考核结果-2026.xlsx'))
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(await file.arrayBuffer())
    expect(book.worksheets[0]!.rowCount).toBe(card.rows.length + 1)
  })
})

async function open(page: Page, path: string): Promise<void> {
  await page.goto(`${portal.url}${path}`)
  await page.waitForFunction(() => Boolean((document.querySelector('#__nuxt') as { __vue_app__?: unknown } | null)?.__vue_app__))
}

describe.skipIf(!hasChromium)('the cockpit in a browser', () => {
  let browser: Browser
  const contextFor = async (cookie: string): Promise<BrowserContext> => {
    const context = await browser.newContext({ viewport: { width: 375, height: 812 }, locale: 'zh-CN' })
    const [name, value] = cookie.split('=') as [string, string]
    await context.addCookies([{ name, value, url: portal.url }])
    context.setDefaultTimeout(10_000)
    return context
  }
  beforeAll(async () => { browser = await launchBrowser() })
  afterAll(async () => { await browser?.close() })

  it('shows the reform office the city, the departments and the findings, filtered by link, each opening its record', async () => {
    const context = await contextFor(cookies.reform)
    const page = await context.newPage()
    await open(page, '/admin/oversight')
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('督查：清单质量与办理时限')
    await page.getByRole('link', { name: '事项缺少咨询电话' }).click()
    await page.waitForURL(/kind=ITEM_NO_CONTACT/)
    const first = page.locator('#findings-heading ~ ul li').first()
    // The link navigates in the page; the list follows once the new findings have arrived.
    await expect.poll(() => first.textContent()).toContain('事项缺少咨询电话')
    expect(await first.getByRole('link').getAttribute('href')).toMatch(/^\/items\//)
    expect(await seriousViolations(page)).toEqual([])
    await screenshots(page, 'oversight')
    await page.setViewportSize({ width: 375, height: 812 })
    await open(page, '/admin/oversight/calendar?year=2026')
    expect(await page.locator('main table').textContent()).toContain('国庆节')
    await page.getByLabel('日期').fill('2026-10-10')
    await page.getByLabel('类型').selectOption('true')
    await page.getByLabel('名称').fill('国庆调休上班')
    await page.getByRole('button', { name: '保存', exact: true }).click()
    await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('已保存2026-10-10：国庆调休上班')
    expect(await page.locator('main table').textContent()).toContain('上班（调休）')
    expect(await seriousViolations(page)).toEqual([])
    await screenshots(page, 'oversight-calendar')
    await page.setViewportSize({ width: 375, height: 812 })
    await open(page, '/admin/oversight/scorecards')
    expect(await page.getByRole('heading', { name: '2026 考核结果' }).isVisible()).toBe(true)
    expect(await seriousViolations(page)).toEqual([])
    await screenshots(page, 'oversight-scorecards')
    await context.close()
  })

  it("shows an editor their own department's findings in the workspace and the findings page", async () => {
    const context = await contextFor(cookies.police)
    const page = await context.newPage()
    await open(page, '/admin/workspace')
    const box = page.locator('section[aria-labelledby="oversight-heading"]')
    expect(await box.textContent()).toMatch(/本部门清单(有 \d+ 项待改进的问题|目前没有督查发现)/)
    await open(page, `/admin/oversight?dept=${civilId}`)
    expect(await page.locator('main').textContent()).toContain('这里只显示本部门的发现')
    expect(await page.locator('main').textContent()).not.toContain('区民政局')
    expect(await seriousViolations(page)).toEqual([])
    await screenshots(page, 'oversight-editor')
    await context.close()
  })
})
