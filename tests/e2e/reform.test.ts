// 目标责任 and 改革成效 on the built portal with the real data: who may read, record and report on a
// reform task; the public results page's numbers against the open data after a published
// cancellation; no chart code in the browser's bundles; the pages on a phone and a desktop.
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { startPortalWithRealData, type Portal } from '../helpers/portal'
import { api, signIn } from '../helpers/session'
import { hasChromium, launchBrowser, screenshots, seriousViolations } from '../helpers/browser'
import { openDatabase } from '../../server/utils/prisma'
import { ensureDemoAccounts } from '../../server/services/auth/demo-accounts'
import { DEMO_PASSWORD } from '../../shared/demo-accounts'
import { cityToday } from '../../shared/city-time'
import type { ReformTaskSummary, ReformTaskView } from '../../shared/reform'
import { RESULT_ACTIONS, type ReformResults } from '../../shared/results'
import type { ChangeRecord, OpenDataCatalogue } from '../../shared/open-data'
import type { SearchResult } from '../../shared/search'

let portal: Portal
const cookies = { reform: '', police: '', civil: '', auditor: '' }
let policeId = 0
let civilId = 0
let task: ReformTaskView
const json = async <T>(res: Response) => (await res.json()) as T
const today = cityToday()

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
  cookies.civil = await signIn(portal, 'civil.editor', DEMO_PASSWORD)
  cookies.auditor = await signIn(portal, 'auditor', DEMO_PASSWORD)
})
afterAll(async () => { await portal?.stop() })

describe('reform tasks over HTTP', () => {
  it('lets the office record a task, the lead department alone report on it, a cooperating one read it, and auditors only read', async () => {
    const body = { title: '推进公安领域证照分离改革', sourceDocument: '广安审改〔2026〕3号', leadDepartmentId: policeId, cooperatingDepartmentIds: [civilId], deadline: '2026-12-31', milestones: [{ title: '制定实施方案', dueDate: '2026-01-31' }, { title: '全面推开', dueDate: '2026-12-31' }] }
    const created = await api(portal, 'POST', '/api/reform/tasks', { cookie: cookies.reform, body })
    expect(created.status).toBe(201)
    task = await json<ReformTaskView>(created)
    // The first milestone is past due (unless today is before it): the task is at risk or already overdue.
    expect(['AT_RISK', 'OVERDUE']).toContain(task.state)

    const bad = await api(portal, 'POST', '/api/reform/tasks', { cookie: cookies.reform, body: { ...body, milestones: [{ title: '晚于时限', dueDate: '2027-03-01' }] } })
    expect(bad.status).toBe(400)
    expect((await bad.json()).data.issues[0]).toMatchObject({ path: 'milestones.0.dueDate', message: '节点时间不能晚于任务完成时限' })

    const report = { milestoneId: task.milestoneList[0]!.id, note: '实施方案已印发', links: ['https://www.guang-an.gov.cn/doc/1'], milestoneDone: true }
    const byCivil = await api(portal, 'POST', `/api/reform/tasks/${task.id}/reports`, { cookie: cookies.civil, body: report })
    expect(byCivil.status).toBe(403)
    const byAuditor = await api(portal, 'POST', `/api/reform/tasks/${task.id}/reports`, { cookie: cookies.auditor, body: report })
    expect(byAuditor.status).toBe(403)
    const byOffice = await api(portal, 'POST', `/api/reform/tasks/${task.id}/reports`, { cookie: cookies.reform, body: report })
    expect(byOffice.status).toBe(403)
    const byLead = await api(portal, 'POST', `/api/reform/tasks/${task.id}/reports`, { cookie: cookies.police, body: report })
    expect(byLead.status).toBe(201)
    expect(await json<ReformTaskView>(byLead)).toMatchObject({ revision: 2, milestonesDone: 1, reports: [{ note: '实施方案已印发', createdBy: 'police.editor' }] })

    const edit = { revision: 2, task: { ...body, milestones: task.milestoneList.map((m) => ({ id: m.id, title: m.title, dueDate: m.dueDate })) } }
    expect((await api(portal, 'PUT', `/api/reform/tasks/${task.id}`, { cookie: cookies.auditor, body: edit })).status).toBe(403)
    expect((await api(portal, 'PUT', `/api/reform/tasks/${task.id}`, { cookie: cookies.police, body: edit })).status).toBe(403)
    expect((await api(portal, 'GET', `/api/reform/tasks/${task.id}`, { cookie: cookies.auditor })).status).toBe(200)
    expect((await api(portal, 'GET', `/api/reform/tasks/${task.id}`, { cookie: cookies.civil })).status).toBe(200)

    // A task the civil affairs bureau has no part in is not theirs to read.
    const other = await json<ReformTaskView>(await api(portal, 'POST', '/api/reform/tasks', { cookie: cookies.reform, body: { ...body, title: '公安独立任务', cooperatingDepartmentIds: [] } }))
    expect((await api(portal, 'GET', `/api/reform/tasks/${other.id}`, { cookie: cookies.civil })).status).toBe(403)
    const civilList = await json<ReformTaskSummary[]>(await api(portal, 'GET', '/api/reform/tasks', { cookie: cookies.civil }))
    expect(civilList.map((t) => t.id)).toEqual([task.id])
    const auditorList = await json<ReformTaskSummary[]>(await api(portal, 'GET', '/api/reform/tasks', { cookie: cookies.auditor }))
    expect(auditorList.map((t) => t.id).sort()).toEqual([task.id, other.id].sort())
    task = await json<ReformTaskView>(await api(portal, 'GET', `/api/reform/tasks/${task.id}`, { cookie: cookies.reform }))
  })
})

describe('改革成效', () => {
  it('gives on the public page the numbers of the open data, after a cancellation is published', async () => {
    const hits = await json<SearchResult>(await fetch(`${portal.url}/api/search?dept=${policeId}&type=LICENSING`))
    const ok = async (res: Response, what: string) => {
      if (res.status >= 300) throw new Error(`${what}: ${res.status} ${await res.text()}`)
      return res.json()
    }
    const draft = await ok(await api(portal, 'POST', '/api/change-requests', { cookie: cookies.police, body: { action: 'CANCEL', entityId: hits.hits.at(-1)!.entityId } }), 'draft')
    await ok(await api(portal, 'POST', `/api/change-requests/${draft.id}/submit`, { cookie: cookies.police, body: { reason: '上位法已废止' } }), 'submit')
    await ok(await api(portal, 'POST', `/api/change-requests/${draft.id}/decision`, { cookie: cookies.reform, body: { outcome: 'APPROVED', documentNo: '广安审改〔2026〕9号', effectiveDate: today, comment: '同意取消' } }), 'decision')
    const version = await ok(await api(portal, 'POST', '/api/list-versions', { cookie: cookies.reform, body: { title: '2026年第二批调整', documentNo: '广安审改〔2026〕9号', effectiveDate: today, changeRequestIds: [draft.id] } }), 'list version')
    await ok(await api(portal, 'POST', `/api/list-versions/${version.id}/publish`, { cookie: cookies.reform }), 'publish')

    const results = await json<ReformResults>(await fetch(`${portal.url}/api/reform/results`))
    const catalogue = await json<OpenDataCatalogue>(await fetch(`${portal.url}/api/open-data`))
    expect(results.versions).toBe(catalogue.versions.length)
    expect(results.versions).toBeGreaterThanOrEqual(2)
    const counted = Object.fromEntries(RESULT_ACTIONS.map((a) => [a, 0])) as Record<string, number>
    for (const v of catalogue.versions) {
      const changes = await json<{ items: ChangeRecord[] }>(await fetch(`${portal.url}/api/open-data/versions/${v.id}/changes.json`))
      for (const c of changes.items) if (c.list === 'power' && c.part === 'RECORD' && c.action in counted) counted[c.action]!++
      const inForce = await json<{ total: number }>(await fetch(`${portal.url}/api/open-data/versions/${v.id}/power.json?status=IN_FORCE`))
      expect(results.listSize.find((p) => p.versionId === v.id)!.inForce, `list size after ${v.title}`).toBe(inForce.total)
    }
    expect(results.totals).toEqual(counted)
    expect(results.totals.CANCEL).toBeGreaterThanOrEqual(1)
    const now = await json<{ total: number }>(await fetch(`${portal.url}/api/open-data/power.json?status=IN_FORCE`))
    expect(results.inForce).toBe(now.total)
    const sizes = results.listSize.map((p) => p.inForce)
    expect(sizes.at(-1)).toBe(sizes.at(-2)! - 1)
    // The tables add up to the totals.
    for (const rows of [results.byYear, results.byDepartment, results.byType]) {
      for (const a of RESULT_ACTIONS) expect(rows.reduce((n, r) => n + r.counts[a], 0)).toBe(results.totals[a])
    }

    // The page as served, before any script runs, says the same and carries the drawn charts.
    const html = await (await fetch(`${portal.url}/reform-results`)).text()
    expect(html).toContain(`累计取消${results.totals.CANCEL}项`)
    expect(html).toContain(`现行权力清单共${results.inForce}项`)
    expect((html.match(/<svg /g) ?? []).length).toBeGreaterThanOrEqual(8)
  })

  it('ships no chart code to the browser', () => {
    const dir = path.resolve('.output/public/_nuxt')
    const bundles = readdirSync(dir).filter((f) => f.endsWith('.js'))
    expect(bundles.length).toBeGreaterThan(0)
    const withCharts = bundles.filter((f) => /echarts|zrender/i.test(readFileSync(path.join(dir, f), 'utf8')))
    expect(withCharts).toEqual([])
  })
})

async function open(page: Page, where: string): Promise<void> {
  await page.goto(`${portal.url}${where}`)
  await page.waitForFunction(() => Boolean((document.querySelector('#__nuxt') as { __vue_app__?: unknown } | null)?.__vue_app__))
}

describe.skipIf(!hasChromium)('the cockpit and the results page in a browser', () => {
  let browser: Browser
  const contextFor = async (cookie?: string): Promise<BrowserContext> => {
    const context = await browser.newContext({ viewport: { width: 375, height: 812 }, locale: 'zh-CN' })
    if (cookie) {
      const [name, value] = cookie.split('=') as [string, string]
      await context.addCookies([{ name, value, url: portal.url }])
    }
    context.setDefaultTimeout(10_000)
    return context
  }
  beforeAll(async () => { browser = await launchBrowser() })
  afterAll(async () => { await browser?.close() })

  it('shows a citizen the results with charts, tables and a text alternative', async () => {
    const context = await contextFor()
    const page = await context.newPage()
    await open(page, '/reform-results')
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('改革成效')
    expect(await page.getByTestId('results-summary').textContent()).toMatch(/累计取消\d+项/)
    expect(await page.getByRole('table', { name: '按年度（数据表）' }).isVisible()).toBe(true)
    // On a phone the narrow drawing shows, and it fits.
    const shown = await page.locator('[data-testid="results-by-year"] svg').evaluateAll((svgs) => svgs.filter((s) => (s as SVGElement).getBoundingClientRect().width > 0).map((s) => Math.round((s as SVGElement).getBoundingClientRect().width)))
    expect(shown.length).toBe(1)
    expect(shown[0]).toBeLessThanOrEqual(375)
    expect(await seriousViolations(page)).toEqual([])
    await screenshots(page, 'reform-results')
    await context.close()
  })

  it('shows the office the tasks with the overdue and at-risk ones marked, and the lead department the report form', async () => {
    const office = await contextFor(cookies.reform)
    const page = await office.newPage()
    await open(page, '/admin/reform')
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('目标责任：改革任务')
    expect(await page.getByTestId('task-state').allTextContents()).toContain(task.state === 'OVERDUE' ? '已逾期' : '有风险')
    expect(await page.getByRole('heading', { name: '登记改革任务' }).isVisible()).toBe(true)
    await page.getByRole('button', { name: '登记', exact: true }).click()
    expect(await page.locator('#title-error').textContent()).toBe('请填写任务名称')
    expect(await seriousViolations(page)).toEqual([])
    await screenshots(page, 'reform-tasks')
    await open(page, '/admin/reform/results')
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('改革成效')
    expect(await seriousViolations(page)).toEqual([])
    await screenshots(page, 'reform-results-admin')
    await office.close()

    const lead = await contextFor(cookies.police)
    const leadPage = await lead.newPage()
    await open(leadPage, `/admin/reform/${task.id}`)
    await leadPage.getByRole('combobox', { name: '节点' }).selectOption(String(task.milestoneList[1]!.id))
    await leadPage.getByLabel('进展情况').fill('已在三个乡镇试点')
    await leadPage.getByLabel('佐证材料链接').fill('https://www.guang-an.gov.cn/doc/2')
    await leadPage.getByRole('button', { name: '提交进展' }).click()
    await expect.poll(() => leadPage.getByRole('alert').first().textContent()).toContain('已提交进展')
    expect(await leadPage.locator('#reports-heading ~ ul').textContent()).toContain('已在三个乡镇试点')
    expect(await seriousViolations(leadPage)).toEqual([])
    await screenshots(leadPage, 'reform-task-lead')
    await lead.close()

    const auditor = await contextFor(cookies.auditor)
    const auditorPage = await auditor.newPage()
    await open(auditorPage, `/admin/reform/${task.id}`)
    expect(await auditorPage.locator('main').textContent()).toContain('已在三个乡镇试点')
    expect(await auditorPage.getByRole('button', { name: '提交进展' }).count()).toBe(0)
    await auditor.close()
  })
})
