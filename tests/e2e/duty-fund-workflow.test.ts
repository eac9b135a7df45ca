// Drafts of the responsibility list and the special-fund list on the built portal: the API
// refuses another department's record and invalid payloads (naming the field, writing nothing);
// in Chromium an editor of 区民政局 edits a fund and submits it, the reform office approves it with
// a document number and publishes it, and the public fund page and search show the change.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { startDemoPortal, type Portal } from '../helpers/portal'
import { api, signIn } from '../helpers/session'
import { alertText, blockBrowser, hasChromium, screenshots, seriousViolations, signInWithForm, visit } from '../helpers/browser'
import { DEMO_PASSWORD } from '../../shared/demo-accounts'
import type { ChangeRequestPage, WorkspaceDuty, WorkspaceFund, WorkspacePage } from '../../shared/workspace'
import type { SearchResult } from '../../shared/search'
import { parseAtom } from '../helpers/atom'
import type { Mailbox } from '../../shared/follow'
import { approveChange, gatherIntoVersion } from '../helpers/review'

const DOCUMENT_NO = '广安审改〔2026〕41号'

let portal: Portal
let police: string
let civil: string
let policeDuty: WorkspaceDuty
let civilFund: WorkspaceFund

beforeAll(async () => {
  portal = (await startDemoPortal()).portal
  police = await signIn(portal, 'police.editor', DEMO_PASSWORD)
  civil = await signIn(portal, 'civil.editor', DEMO_PASSWORD)
  policeDuty = ((await (await api(portal, 'GET', '/api/workspace/duties', { cookie: police })).json()) as WorkspacePage<WorkspaceDuty>).items[0]!
  civilFund = ((await (await api(portal, 'GET', '/api/workspace/funds', { cookie: civil })).json()) as WorkspacePage<WorkspaceFund>).items[0]!
})

afterAll(async () => { await portal?.stop() })

const drafts = async (cookie: string) => ((await (await api(portal, 'GET', '/api/change-requests?pageSize=1', { cookie })).json()) as ChangeRequestPage).total

describe('the API of duty and fund drafts', () => {
  it("lists an editor's own department's duties and funds only", async () => {
    expect(policeDuty.department.name).toBe('区公安分局')
    expect(civilFund.department.name).toBe('区民政局')
    const theirs = (await (await api(portal, 'GET', '/api/workspace/duties?pageSize=100', { cookie: civil })).json()) as WorkspacePage<WorkspaceDuty>
    expect(theirs.items.filter((d) => d.department.name !== '区民政局')).toEqual([])
    expect((await api(portal, 'GET', `/api/workspace/duties/${policeDuty.id}`, { cookie: civil })).status).toBe(403)
    expect((await api(portal, 'GET', `/api/workspace/funds/${civilFund.id}`, { cookie: police })).status).toBe(403)
  })

  it("refuses a draft of another department's duty or fund with 403, writing nothing", async () => {
    const before = [await drafts(police), await drafts(civil)]
    const duty = await api(portal, 'POST', '/api/change-requests', { cookie: civil, body: { entityType: 'DUTY', action: 'CANCEL', entityId: policeDuty.id } })
    expect(duty.status).toBe(403)
    const fund = await api(portal, 'POST', '/api/change-requests', { cookie: police, body: { entityType: 'SPECIAL_FUND', action: 'CANCEL', entityId: civilFund.id } })
    expect(fund.status).toBe(403)
    expect([await drafts(police), await drafts(civil)]).toEqual(before)
  })

  it('answers an invalid duty or fund with 400 and issues under payload, writing nothing', async () => {
    const before = await drafts(civil)
    const { id: _id, department: _d, openRequest: _o, status: _s, ...fields } = civilFund
    const fund = await api(portal, 'POST', '/api/change-requests', {
      cookie: civil,
      body: { entityType: 'SPECIAL_FUND', action: 'UPDATE', entityId: civilFund.id, payload: { ...fields, amount: '-5', periodStart: 2027, periodEnd: 2026 } },
    })
    expect(fund.status).toBe(400)
    expect((await fund.json()).data.issues).toContainEqual({ path: 'payload.amount', message: '资金规模应为数字（万元），最多两位小数' })
    const period = await api(portal, 'POST', '/api/change-requests', {
      cookie: civil,
      body: { entityType: 'SPECIAL_FUND', action: 'UPDATE', entityId: civilFund.id, payload: { ...fields, periodStart: 2027, periodEnd: 2026 } },
    })
    expect((await period.json()).data.issues).toEqual([{ path: 'payload.periodEnd', message: '实施期限的结束年度不能早于开始年度' }])
    const duty = await api(portal, 'POST', '/api/change-requests', {
      cookie: police,
      body: { entityType: 'DUTY', action: 'UPDATE', entityId: policeDuty.id, payload: { kind: policeDuty.kind, title: policeDuty.title, content: policeDuty.content, cases: [{ content: '短' }] } },
    })
    expect(duty.status).toBe(400)
    expect((await duty.json()).data.issues).toContainEqual({ path: 'payload.cases.0.content', message: '追责情形至少4个字' })
    expect(await drafts(civil)).toBe(before)
  })
})

describe.skipIf(!hasChromium)('a fund change in a browser', () => {
  const browser = blockBrowser()

  const login = (page: Page, username: string) => signInWithForm(page, portal.url, username, DEMO_PASSWORD)

  it('keeps a new duty with its accountability cases in a form usable on a phone', async () => {
    const editor = await browser.newPage({ viewport: { width: 375, height: 812 }, locale: 'zh-CN' })
    await login(editor, 'police.editor')
    await visit(editor, `${portal.url}/admin/workspace?tab=duties`)
    await editor.getByRole('link', { name: '新增责任事项' }).click()
    await editor.waitForURL(/list=DUTY/)
    await editor.getByLabel('责任编码').fill('DUTY-E2E-0001')
    await editor.getByLabel('责任事项', { exact: true }).fill('电动自行车登记事中事后监管')
    await editor.getByLabel('责任内容').fill('对电动自行车登记上牌实施事中事后监管，依法查处违法行为。')
    await editor.getByRole('button', { name: '添加追责情形' }).click()
    // The new case's box has the focus, so a keyboard user types straight into it.
    await editor.keyboard.type('短')
    // Leaving the field shows its error and moves the button; a click meant for it must come after.
    await editor.keyboard.press('Tab')
    await editor.getByRole('button', { name: '保存草稿' }).click()
    await expect.poll(() => alertText(editor)).toContain('请更正标出的')
    expect(await editor.locator('main').textContent()).toContain('追责情形至少4个字')
    await editor.getByLabel('第 1 条追责情形').fill('对不符合条件的车辆违规办理登记的；')
    await expect.poll(() => editor.locator('main').textContent()).not.toContain('追责情形至少4个字')
    const preview = editor.locator('section', { has: editor.getByRole('heading', { name: '公众页面预览' }) })
    await expect.poll(() => preview.textContent()).toContain('对不符合条件的车辆违规办理登记的')
    expect(await seriousViolations(editor)).toEqual([])
    await screenshots(editor, 'duty-draft-form')
    await editor.getByRole('button', { name: '保存草稿' }).click()
    await editor.waitForURL(/\/admin\/workspace\/drafts\/\d+/)
    await expect.poll(() => alertText(editor)).toContain('草稿已保存')
    await editor.close()
  }, 120_000)

  it('takes a fund edit from the editor through review and a list version to the public fund page and search', async () => {
    const newName = `${civilFund.year}年城乡低保提标专项资金`
    const editor = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' })
    await login(editor, 'civil.editor')
    await visit(editor, `${portal.url}/admin/workspace`)
    await editor.getByRole('link', { name: /本部门专项资金/ }).click()
    await editor.waitForURL(/tab=funds/)
    const card = editor.locator('li', { has: editor.getByRole('heading', { name: civilFund.name, exact: true }) })
    await expect.poll(() => card.count()).toBe(1)
    expect(await seriousViolations(editor)).toEqual([])
    await screenshots(editor, 'workspace-funds')
    await card.getByText('提出变更').click()
    await card.getByRole('link', { name: '修改资金信息' }).click()
    await editor.waitForURL(/\/admin\/workspace\/drafts\/new\?.*list=SPECIAL_FUND/)

    await editor.getByLabel('资金规模（万元）').fill('12.345')
    await editor.getByLabel('实施结束年度').fill(String(civilFund.periodStart - 1))
    await editor.getByLabel('实施结束年度').press('Tab')
    await editor.getByRole('button', { name: '保存草稿' }).click()
    await expect.poll(() => alertText(editor)).toContain('请更正标出的')
    const errors = await editor.locator('main').textContent()
    expect(errors).toContain('资金规模应为数字（万元），最多两位小数')
    expect(errors).toContain('实施期限的结束年度不能早于开始年度')
    await editor.getByLabel('资金名称').fill(newName)
    await editor.getByLabel('资金规模（万元）').fill('2468')
    await editor.getByLabel('实施结束年度').fill(String(civilFund.periodStart + 1))
    const preview = editor.locator('section', { has: editor.getByRole('heading', { name: '公众页面预览' }) })
    await expect.poll(() => preview.textContent()).toContain('2,468.00 万元')
    expect(await preview.textContent()).toContain(newName)
    await editor.getByLabel('实施结束年度').press('Tab')
    await expect.poll(() => editor.locator('main').textContent()).not.toMatch(/资金规模应为数字|不能早于开始年度/)
    expect(await seriousViolations(editor)).toEqual([])
    await screenshots(editor, 'fund-draft-form')
    await editor.getByRole('button', { name: '保存草稿' }).click()
    await editor.waitForURL(/\/admin\/workspace\/drafts\/\d+/)
    const requestId = Number(/drafts\/(\d+)/.exec(editor.url())![1])
    await expect.poll(() => alertText(editor)).toContain('草稿已保存')
    await editor.getByLabel('提交理由').fill('按区政府常务会议决定提高低保资金规模')
    await editor.getByRole('button', { name: '提交审核' }).click()
    await expect.poll(() => alertText(editor)).toContain('已提交审核')
    await editor.close()

    const office = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' })
    await login(office, 'reform.office')
    await visit(office, `${portal.url}/admin/review?list=SPECIAL_FUND`)
    await office.getByRole('link', { name: `审核变更 #${requestId}` }).click()
    await office.waitForURL(new RegExp(`/admin/review/${requestId}$`))
    const diff = office.getByRole('table')
    expect(await diff.getByRole('row', { name: /资金规模/ }).textContent()).toContain('2468.00 万元')
    expect(await diff.getByRole('row', { name: /资金名称/ }).textContent()).toContain(newName)
    expect(await office.locator('main').textContent()).toContain('专项资金')
    expect(await seriousViolations(office)).toEqual([])
    await screenshots(office, 'review-fund-diff')
    await approveChange(office, requestId, DOCUMENT_NO)
    await gatherIntoVersion(office, requestId, '2026年第4批调整', DOCUMENT_NO)
    // Publishing asks first, showing what the version carries; cancelled, nothing is published.
    const feedBefore = parseAtom(await (await fetch(`${portal.url}/api/feeds/changes?code=${civilFund.code}`)).text())
    const publishButton = office.getByRole('button', { name: '立即发布“2026年第4批调整”' })
    await publishButton.click()
    const dialog = office.getByRole('dialog', { name: '确认发布“2026年第4批调整”' })
    await dialog.waitFor()
    const shown = await dialog.textContent()
    expect(shown).toContain('发布后立即生效，公开清单将更新以下 1 项变更')
    expect(shown).toContain(`文号：${DOCUMENT_NO}`)
    expect(shown).toContain(`#${requestId} ${civilFund.name}`)
    expect(shown).toMatch(/修改\s*1\s*项/)
    expect(await seriousViolations(office)).toEqual([])
    await screenshots(office, 'publish-confirmation')
    await dialog.getByRole('button', { name: '取消' }).click()
    await dialog.waitFor({ state: 'hidden' })
    expect((await (await fetch(`${portal.url}/api/v1/funds/${civilFund.code}`)).json() as { name: string }).name).toBe(civilFund.name)
    await publishButton.click()
    await office.getByRole('dialog').getByRole('button', { name: '确认立即发布' }).click()
    // Publishing applies everything in one transaction: longer than the default second on a loaded machine.
    await expect.poll(() => alertText(office), { timeout: 15_000 }).toContain('已发布生效')
    await office.close()

    const visitor = await browser.newPage({ viewport: { width: 375, height: 812 }, locale: 'zh-CN' })
    await visitor.goto(`${portal.url}/funds/${civilFund.code}`)
    // The page names its feed, and the feed now leads with the change just published.
    const feedHref = await visitor.locator('head link[rel="alternate"][type="application/atom+xml"]').getAttribute('href')
    expect(feedHref).toBe(`/api/feeds/changes?code=${civilFund.code}`)
    const feedAnswer = await fetch(`${portal.url}${feedHref}`)
    expect(feedAnswer.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8')
    const feed = parseAtom(await feedAnswer.text())
    expect(feed.entries.length).toBe(feedBefore.entries.length + 1)
    expect(feed.entries[0]!.title).toContain(newName)
    expect(feed.entries[0]!.content).toContain(`文号：${DOCUMENT_NO}`)
    expect(feed.entries[0]!.content).toContain('资金规模：')
    const main = await visitor.locator('main').textContent()
    expect(main).toContain(newName)
    expect(main).toContain('2,468.00 万元')
    await screenshots(visitor, 'published-fund')
    // The same page offers the changes by email: the form asks for the address, then says a confirmation is on its way.
    await visitor.getByRole('link', { name: /^邮件订阅/ }).click()
    await visitor.waitForURL(new RegExp(`/follow\\?code=${civilFund.code}`))
    await expect.poll(() => visitor.locator('main').textContent(), { timeout: 10_000 }).toContain(`编码 ${civilFund.code}`)
    await visitor.getByLabel('邮箱地址').fill('fund.reader@example.com')
    await visitor.getByRole('button', { name: '订阅', exact: true }).click()
    await expect.poll(() => alertText(visitor), { timeout: 10_000 }).toContain('确认邮件已发往 fund.reader@example.com')
    expect(await seriousViolations(visitor)).toEqual([])
    // The mail's link opens a page that asks first; the subscription is confirmed by its button.
    const admin = await signIn(portal, 'admin', DEMO_PASSWORD)
    const confirmPath = async () => {
      const mailbox = await (await api(portal, 'GET', '/api/admin/mails', { cookie: admin })).json() as Mailbox
      const mail = mailbox.mails.find((m) => m.kind === 'CONFIRM' && m.to === 'fund.reader@example.com')
      return mail ? /\/follow\/confirm\?token=\S+/.exec(mail.text)?.[0] : undefined
    }
    await expect.poll(confirmPath, { timeout: 10_000 }).toBeDefined()
    await visit(visitor, `${portal.url}${await confirmPath()}`)
    await visitor.getByRole('button', { name: '确认订阅' }).click()
    await expect.poll(() => alertText(visitor)).toContain('已确认订阅')
    expect(await visitor.getByRole('button', { name: '确认订阅' }).count()).toBe(0)
    await visitor.close()

    await expect.poll(async () => {
      const result = await (await fetch(`${portal.url}/api/search?q=${encodeURIComponent('低保提标')}`)).json() as SearchResult
      return result.hits.some((h) => h.code === civilFund.code && h.name.map((p) => p.text).join('') === newName)
    }, { timeout: 15_000, interval: 250 }).toBe(true)
  }, 180_000)
})
