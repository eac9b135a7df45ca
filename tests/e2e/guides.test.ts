// Service guides and life events on the built portal, as a citizen and an editor meet them: the
// API contract of an item's guide; on a 375 px phone the item page's first screen holds what to
// bring, where, how long, how much and how many trips (screenshots in test-results/); an item
// without a guide says so once with the department's phone; the printable notice; a life event
// from the home page to its steps; the matching life event above search results; an editor's
// guide draft through the back-office form.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startPortalWithRealData, type Portal } from '../helpers/portal'
import { api, signIn } from '../helpers/session'
import { blockBrowser, hasChromium, screenshots, seriousViolations, signInWithForm, visit } from '../helpers/browser'
import { openDatabase, type DbHandle } from '../../server/utils/prisma'
import { ensureDemoAccounts } from '../../server/services/auth/demo-accounts'
import { DEMO_PASSWORD } from '../../shared/demo-accounts'
import type { PowerItemView } from '../../shared/items'
import type { GuideWorkspaceItem } from '../../shared/guides'

let portal: Portal
let db: DbHandle
let passport: { id: number; code: string }
/** an item of 区民政局 whose guide the test removes, as a real import of a department without guides leaves it */
let bare: { code: string; name: string }

const get = async <T>(path: string) => (await fetch(`${portal.url}${path}`)).json() as Promise<T>
/** Once the page is interactive: what is typed before hydration is emptied by it. */

beforeAll(async () => {
  const started = await startPortalWithRealData({ NUXT_PUBLIC_DEMO: '1' })
  portal = started.portal
  db = await openDatabase(started.config)
  await ensureDemoAccounts(db.prisma)
  passport = await db.prisma.powerItem.findFirstOrThrow({ where: { name: '普通护照签发' }, select: { id: true, code: true } })
  const item = await db.prisma.powerItem.findFirstOrThrow({ where: { name: '社会组织档案查询' }, select: { id: true, code: true, name: true } })
  await db.prisma.guideMaterial.deleteMany({ where: { guideId: item.id } })
  await db.prisma.guideLocation.deleteMany({ where: { guideId: item.id } })
  await db.prisma.serviceGuide.delete({ where: { powerItemId: item.id } })
  bare = item
})
afterAll(async () => {
  await db?.close()
  await portal?.stop()
})

describe('the API contract of a guide', () => {
  it('gives GET /api/v1/power-items/{code} with its guide, or null', async () => {
    const item = await get<PowerItemView>(`/api/v1/power-items/${passport.code}`)
    const g = item.guide!
    expect(Array.isArray(g.conditions)).toBe(true)
    expect(g.materials.length).toBeGreaterThan(0)
    for (const m of g.materials) expect(m).toMatchObject({ name: expect.any(String), required: expect.any(Boolean) })
    expect(Array.isArray(g.steps)).toBe(true)
    expect(g.locations[0]).toMatchObject({ address: expect.any(String), hours: expect.any(String), phone: expect.any(String) })
    expect(g).toMatchObject({ legalTimeLimitDays: 15, promisedTimeLimitDays: 7, fee: { free: false, standard: '120元/本' }, visits: 1, isDemo: true })
    expect(Number.isInteger(g.visits)).toBe(true)
    expect(g.online).toMatchObject({ level: 'PRE_CHECK', url: expect.stringMatching(/^https?:\/\//) })
    const none = await get<PowerItemView>(`/api/v1/power-items/${bare.code}`)
    expect(none.guide).toBeNull()
    expect(none.departmentPhone).toMatch(/^0826-/)
  })

  it('lists life events and gives one with its ordered steps and their items', async () => {
    const list = await get<{ total: number; items: { slug: string; audience: string }[] }>('/api/v1/life-events?audience=ENTERPRISE')
    expect(list.items.map((e) => e.slug)).toEqual(expect.arrayContaining(['kaiban-canyindian', 'kaiban-qiye']))
    expect(new Set(list.items.map((e) => e.audience))).toEqual(new Set(['ENTERPRISE']))
    const event = await get<{ steps: { title: string; items: { code: string; name: string }[] }[] }>('/api/v1/life-events/xinshenger-chusheng')
    expect(event.steps.map((s) => s.items[0]!.name)).toEqual(['《出生医学证明》首次签发', '户口登记', '《预防接种证》办理', '城乡居民参保登记', '社会保障卡申领'])
    expect((await fetch(`${portal.url}/api/v1/life-events/no-such-event`)).status).toBe(404)
  })
})

describe('the pages, rendered on the server', () => {
  it('says once, with the phone, that an item has no guide, and shows no empty rows', async () => {
    const html = await (await fetch(`${portal.url}/items/${bare.code}`)).text()
    expect(html.match(/暂未发布办事指南/g)).toHaveLength(1)
    expect(html).toMatch(/暂未发布办事指南，请咨询区民政局：0826-/)
    expect(html).not.toContain('暂未公布')
  })

  it('prints a one-page notice of the materials, place, time, fee and phone', async () => {
    const html = await (await fetch(`${portal.url}/notices/${passport.code}`)).text()
    expect(html).toMatch(/<h1[^>]*>一次性告知单<\/h1>/)
    for (const text of ['居民身份证', '出入境接待大厅', '7个工作日', '120元/本', '最多跑一次', '咨询电话']) expect(html).toContain(text)
  })

  it('shows a department\'s service halls on its page, and the item page links to it', async () => {
    const item = await get<PowerItemView>(`/api/v1/power-items/${passport.code}`)
    const html = await (await fetch(`${portal.url}/items/${passport.code}`)).text()
    expect(html).toContain(`href="/departments/${item.department.code}"`)
    const department = await (await fetch(`${portal.url}/departments/${item.department.code}`)).text()
    expect(department).toContain('出入境接待大厅')
    expect(department).toContain('示例数据')
  })

  it('is translated on the English pages', async () => {
    const html = await (await fetch(`${portal.url}/en/items/${passport.code}`)).text()
    for (const text of ['Apply online', 'What to bring', 'Where to go', 'At most one visit', 'Time limit']) expect(html).toContain(text)
  })
})

describe.skipIf(!hasChromium)('in a browser', () => {
  const browser = blockBrowser()

  it('answers on the first screen of a 375 px phone: online, time limit, fee, trips, materials, place', async () => {
    const page = await browser.newPage({ viewport: { width: 375, height: 667 }, locale: 'zh-CN' })
    await page.goto(`${portal.url}/items/${passport.code}`)
    await page.screenshot({ path: 'test-results/guide-item-first-screen-phone.png' })
    const fold = 667
    const bottom = async (selector: string) => (await page.locator(selector).first().boundingBox())!.y + (await page.locator(selector).first().boundingBox())!.height
    for (const selector of ['[data-testid="apply-online"]', '[data-fact="time"]', '[data-fact="fee"]', '[data-fact="visits"]', '[data-testid="guide-bring"] li', '[data-testid="guide-where"]']) {
      expect(await bottom(selector), selector).toBeLessThanOrEqual(fold)
    }
    const summary = await page.getByTestId('guide-summary').innerText()
    for (const text of ['在线办理', '承诺7个工作日', '120元/本', '最多跑一次', '居民身份证', '出入境接待大厅', '示例数据']) expect(summary).toContain(text)
    // The code and the duties are further down, folded.
    expect(await page.locator('details', { hasText: '事项编码、类型与依据' }).getAttribute('open')).toBeNull()
    expect(await seriousViolations(page)).toEqual([])
    await screenshots(page, 'guide-item')
    await page.close()
  })

  it('prints the one-time notice on one A4 page, without the buttons', async () => {
    const page = await browser.newPage({ locale: 'zh-CN' })
    await page.goto(`${portal.url}/notices/${passport.code}`)
    await page.emulateMedia({ media: 'print' })
    expect(await page.getByRole('button', { name: '打印' }).isVisible()).toBe(false)
    const pdf = (await page.pdf({ preferCSSPageSize: true, printBackground: true })).toString('latin1')
    expect(pdf.match(/\/Type\s*\/Page[^s]/g)).toHaveLength(1)
    await page.screenshot({ path: 'test-results/guide-notice-print.png', fullPage: true })
    await page.close()
  })

  it('leads from the home page to a life event and its steps, and from a step to the item', async () => {
    const page = await browser.newPage({ viewport: { width: 375, height: 812 }, locale: 'zh-CN' })
    await page.goto(portal.url)
    const events = page.getByTestId('home-life-events')
    await expect.poll(() => events.innerText()).toContain('个人办事')
    expect(await events.innerText()).toContain('法人办事')
    await events.getByRole('link', { name: '开办餐饮店' }).click()
    await page.waitForURL(/\/life-events\/kaiban-canyindian$/)
    const steps = page.getByTestId('life-event-steps')
    const text = await steps.innerText()
    expect(text.indexOf('办理营业执照')).toBeLessThan(text.indexOf('办理食品经营许可证'))
    for (const name of ['个体工商户设立登记', '食品(含保健食品)经营许可核发', '公众聚集场所投入使用、营业前消防安全检查', '规范户外招牌设施设置']) expect(text).toContain(name)
    expect(await seriousViolations(page)).toEqual([])
    await screenshots(page, 'life-event')
    await page.getByRole('link', { name: '食品(含保健食品)经营许可核发' }).click()
    await page.waitForURL(/\/items\//)
    expect(await page.getByTestId('guide-bring').innerText()).toContain('从业人员健康证明')
    await page.close()
  })

  it('shows the life event a search names above the items', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' })
    for (const q of ['开火锅店', '生孩子']) {
      await page.goto(`${portal.url}/search?q=${encodeURIComponent(q)}`)
      const matched = page.getByTestId('matched-life-events')
      await expect.poll(() => matched.innerText()).toContain(q === '开火锅店' ? '开办餐饮店' : '新生儿出生')
      const [event, results] = [await matched.boundingBox(), await page.locator('#results-heading').boundingBox()]
      expect(event!.y).toBeLessThan(results!.y)
    }
    await page.goto(`${portal.url}/search?q=${encodeURIComponent('护照')}`)
    expect(await page.getByTestId('hit-visits').first().innerText()).toContain('最多跑一次')
    expect(await page.getByTestId('matched-life-events').count()).toBe(0)
    await page.close()
  })

  it("lets an editor change a guide in a draft, checked field by field, with the item page's preview", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' })
    await signInWithForm(page, portal.url, 'police.editor', DEMO_PASSWORD)
    await visit(page, `${portal.url}/admin/workspace?tab=guides`)
    await expect.poll(() => page.locator('main').innerText()).toContain('要素齐全')
    await visit(page, `${portal.url}/admin/workspace/drafts/new?list=SERVICE_GUIDE&item=${passport.id}&action=UPDATE`)
    const preview = page.getByRole('region', { name: '公众页面预览' })
    await expect.poll(() => preview.innerText()).toContain('出入境接待大厅')
    await page.getByLabel('到现场次数').fill('很多')
    await page.getByRole('button', { name: '保存草稿' }).click()
    await expect.poll(() => page.locator('main').innerText()).toContain('请填写到现场次数')
    await page.getByLabel('到现场次数').fill('1')
    await page.getByLabel('承诺时限（工作日）').fill('3')
    await page.getByRole('button', { name: '添加材料' }).click()
    const last = page.getByRole('listitem', { name: /第7项材料/ })
    await last.getByLabel('第7项材料名称').fill('出境事由证明材料')
    await expect.poll(() => preview.innerText()).toContain('承诺3个工作日')
    await page.getByRole('button', { name: '保存草稿' }).click()
    await page.waitForURL(/\/admin\/workspace\/drafts\/\d+/)
    const id = Number(/drafts\/(\d+)/.exec(page.url())![1])
    const cookie = await signIn(portal, 'police.editor', DEMO_PASSWORD)
    const draft = await (await api(portal, 'GET', `/api/change-requests/${id}`, { cookie })).json()
    expect(draft).toMatchObject({ entityType: 'SERVICE_GUIDE', action: 'UPDATE', status: 'DRAFT', payload: { promisedTimeLimitDays: 3 } })
    expect(draft.payload.materials.at(-1)).toMatchObject({ name: '出境事由证明材料', required: true })
    expect(draft.diff.map((c: { field: string }) => c.field)).toEqual(expect.arrayContaining(['materials', 'promisedTimeLimitDays']))
    const target = await (await api(portal, 'GET', `/api/workspace/guides/${passport.id}`, { cookie })).json() as GuideWorkspaceItem
    expect(target.openRequest).toMatchObject({ id, status: 'DRAFT' })
    await screenshots(page, 'guide-draft')
    await page.close()
  })
})
