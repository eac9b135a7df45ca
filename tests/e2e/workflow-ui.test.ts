// The back office's working pages on the built portal, in Chromium: an editor of 区公安分局
// proposes a change to 普通护照签发 and submits it; the reform office reviews it side by side,
// approves it, gathers it into a list version and publishes it; the public item page and search
// show the change. Screenshots of each step land in test-results/ (phone and desktop).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { startDemoPortal, type Portal } from '../helpers/portal'
import { api, signIn } from '../helpers/session'
import { alertText, blockBrowser, hasChromium, screenshots, seriousViolations, signInWithForm, visit } from '../helpers/browser'
import { approveChange, gatherIntoVersion } from '../helpers/review'
import { openDatabase } from '../../server/utils/prisma'
import type { AppConfig } from '../../server/utils/config'
import { DEMO_PASSWORD } from '../../shared/demo-accounts'
import { cityToday, type ChangeRequestPage, type WorkspacePage, type WorkspacePowerItem } from '../../shared/workspace'
import type { SearchResult } from '../../shared/search'

const DOCUMENT_NO = '广安审改〔2026〕9号'

let portal: Portal
let config: AppConfig
let police: string
let civil: string
let passport: WorkspacePage<WorkspacePowerItem>['items'][number]

beforeAll(async () => {
  const started = await startDemoPortal()
  portal = started.portal
  config = started.config
  police = await signIn(portal, 'police.editor', DEMO_PASSWORD)
  civil = await signIn(portal, 'civil.editor', DEMO_PASSWORD)
  const found = await (await api(portal, 'GET', `/api/workspace/power-items?q=${encodeURIComponent('普通护照签发')}`, { cookie: police })).json() as WorkspacePage<WorkspacePowerItem>
  passport = found.items.find((i) => i.name === '普通护照签发')!
})

afterAll(async () => { await portal?.stop() })

describe('the workspace API', () => {
  it("lists only the editor's own department's items, each with the change under way", async () => {
    expect(passport).toMatchObject({ department: { name: '区公安分局' }, status: 'IN_FORCE', openRequest: null })
    const theirs = await (await api(portal, 'GET', `/api/workspace/power-items?q=${encodeURIComponent('护照')}`, { cookie: civil })).json() as WorkspacePage<WorkspacePowerItem>
    expect(theirs.items.map((i) => i.department.name).filter((d) => d !== '区民政局')).toEqual([])
    expect((await api(portal, 'GET', `/api/workspace/power-items/${passport.id}`, { cookie: civil })).status).toBe(403)
    const one = await (await api(portal, 'GET', `/api/workspace/power-items/${passport.id}`, { cookie: police })).json()
    expect(one).toMatchObject({ id: passport.id, code: passport.code, name: '普通护照签发' })
  })

  it('counts change requests per state whatever the status filter, for the tabs', async () => {
    const res = await api(portal, 'POST', '/api/change-requests', { cookie: civil, body: { action: 'ADD', payload: { code: 'WS-COUNT-0001', name: '测试新增事项', type: 'LICENSING' } } })
    expect(res.status).toBe(201)
    const page = await (await api(portal, 'GET', '/api/change-requests?status=SUBMITTED', { cookie: civil })).json() as ChangeRequestPage
    expect(page.items).toEqual([])
    expect(page.counts).toMatchObject({ DRAFT: 1, SUBMITTED: 0 })
    const theirs = await (await api(portal, 'GET', '/api/change-requests?status=DRAFT', { cookie: police })).json() as ChangeRequestPage
    expect(theirs.counts.DRAFT).toBe(0)
  })

  it('answers an invalid draft with 400 and issues that name the field in the payload', async () => {
    const res = await api(portal, 'POST', '/api/change-requests', { cookie: police, body: { action: 'UPDATE', entityId: passport.id, payload: { name: '护', type: 'LICENSING' } } })
    expect(res.status).toBe(400)
    expect((await res.json()).data.issues).toContainEqual({ path: 'payload.name', message: '事项名称至少2个字' })
  })
})

describe.skipIf(!hasChromium)('the review workflow in a browser', () => {
  const browser = blockBrowser()

  const login = (page: Page, username: string) => signInWithForm(page, portal.url, username, DEMO_PASSWORD)

  it('takes an edit from the editor through review and a list version to the public page and search', async () => {
    const editor = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' })
    await login(editor, 'police.editor')
    await visit(editor, `${portal.url}/admin`)
    await editor.getByRole('link', { name: '编辑本部门事项、资金和职责的草稿' }).click()
    await editor.waitForURL(/\/admin\/workspace/)
    await editor.getByLabel('搜索本部门事项').fill('普通护照签发')
    await editor.getByRole('button', { name: '搜索' }).click()
    await editor.waitForURL(/q=/)
    const card = editor.locator('li', { has: editor.getByRole('heading', { name: '普通护照签发', exact: true }) })
    await expect.poll(() => card.count()).toBe(1)
    expect(await seriousViolations(editor)).toEqual([])
    await screenshots(editor, 'workspace')

    await card.getByText('提出变更').click()
    await card.getByRole('link', { name: '修改事项内容' }).click()
    await editor.waitForURL(/\/admin\/workspace\/drafts\/new/)
    // The shared schema answers in the page, before anything reaches the server.
    await editor.getByLabel('事项名称').fill('护')
    // Leaving the field shows its error and moves the button; a click meant for it must come after.
    await editor.getByLabel('事项名称').press('Tab')
    await editor.getByRole('button', { name: '保存草稿' }).click()
    await expect.poll(() => alertText(editor)).toContain('请更正标出的')
    expect(await editor.locator('main').textContent()).toContain('事项名称至少2个字')
    await editor.getByLabel('事项名称').fill('普通护照签发')
    await editor.getByLabel('承诺时限').fill('7个工作日')
    const aliases = editor.getByLabel('俗称')
    await aliases.fill([...passport.aliases, '出国护照'].join('、'))
    const preview = editor.locator('section', { has: editor.getByRole('heading', { name: '公众页面预览' }) })
    await expect.poll(() => preview.textContent()).toContain('7个工作日')
    expect(await preview.textContent()).toContain('出国护照')
    expect(await seriousViolations(editor)).toEqual([])
    await screenshots(editor, 'draft-form')
    await editor.getByRole('button', { name: '保存草稿' }).click()
    await editor.waitForURL(/\/admin\/workspace\/drafts\/\d+/)
    const requestId = Number(/drafts\/(\d+)/.exec(editor.url())![1])
    await expect.poll(() => alertText(editor)).toContain('草稿已保存')

    await editor.getByRole('button', { name: '提交审核' }).click()
    await expect.poll(() => editor.locator('main').textContent()).toContain('请写明提交理由')
    await editor.getByLabel('提交理由').fill('按出入境办证提速要求，承诺时限压缩为7个工作日')
    await editor.getByRole('button', { name: '提交审核' }).click()
    await expect.poll(() => alertText(editor)).toContain('已提交审核')
    await visit(editor, `${portal.url}/admin/workspace?tab=SUBMITTED`)
    expect(await editor.locator('main').textContent()).toContain('普通护照签发')
    await editor.getByRole('button', { name: '退出登录' }).click()
    await editor.waitForURL(/\/admin\/login/)
    await editor.close()

    const office = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' })
    await login(office, 'reform.office')
    await visit(office, `${portal.url}/admin`)
    await office.getByRole('link', { name: /审核提交的变更/ }).click()
    await office.waitForURL(/\/admin\/review$/)
    expect(await seriousViolations(office)).toEqual([])
    await office.getByRole('link', { name: `审核变更 #${requestId}` }).click()
    await office.waitForURL(new RegExp(`/admin/review/${requestId}$`))
    const diff = office.getByRole('table')
    const timeRow = diff.getByRole('row', { name: /承诺时限/ })
    expect(await timeRow.textContent()).toContain('7个工作日')
    expect(await diff.getByRole('row', { name: /俗称/ }).textContent()).toContain('出国护照')
    expect(await office.locator('main').textContent()).toContain('按出入境办证提速要求')
    expect(await seriousViolations(office)).toEqual([])
    await screenshots(office, 'review-diff')

    await approveChange(office, requestId, DOCUMENT_NO)
    await gatherIntoVersion(office, requestId, '2026年第3批调整', DOCUMENT_NO)
    expect(await seriousViolations(office)).toEqual([])
    await office.getByRole('button', { name: '立即发布“2026年第3批调整”' }).click()
    // Publishing asks first, showing what the version carries.
    await office.getByRole('dialog', { name: '确认发布“2026年第3批调整”' }).getByRole('button', { name: '确认立即发布' }).click()
    // Publishing checks and applies every change, the history, the announcement and the outbox in
    // one transaction: longer than the default second on a loaded machine.
    await expect.poll(() => alertText(office), { timeout: 15_000 }).toContain('已发布生效')
    expect(await office.locator('main').textContent()).toContain('已生效')
    await office.close()

    const visitor = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' })
    await visitor.goto(`${portal.url}/items/${passport.code}`)
    const main = await visitor.locator('main').textContent()
    expect(main).toContain('7个工作日')
    expect(main).toContain('出国护照')
    expect(await visitor.getByRole('region', { name: '变更记录' }).textContent()).toContain(DOCUMENT_NO)
    await screenshots(visitor, 'published-item')
    await visitor.close()

    // The portal's outbox worker brings the index up to date within a second or two.
    await expect.poll(async () => {
      const result = await (await fetch(`${portal.url}/api/search?q=${encodeURIComponent('出国护照')}`)).json() as SearchResult
      return result.hits.some((h) => h.code === passport.code)
    }, { timeout: 15_000, interval: 250 }).toBe(true)
  }, 180_000)

  it('lets the reform office take a change that cannot take effect out of its version, publish the rest, and return the change', async () => {
    const reform = await signIn(portal, 'reform.office', DEMO_PASSWORD)
    const json = async (res: Response) => {
      if (res.status >= 300) throw new Error(`${res.status} ${await res.text()}`)
      return res.json() as Promise<{ id: number }>
    }
    const approve = async (body: unknown) => {
      const { id } = await json(await api(portal, 'POST', '/api/change-requests', { cookie: police, body }))
      await json(await api(portal, 'POST', `/api/change-requests/${id}/submit`, { cookie: police, body: { reason: '按审改要求调整' } }))
      await json(await api(portal, 'POST', `/api/change-requests/${id}/decision`, { cookie: reform, body: { outcome: 'APPROVED', documentNo: DOCUMENT_NO, effectiveDate: cityToday() } }))
      return id
    }
    const addition = await approve({ action: 'ADD', payload: { code: 'UI-CLASH-0001', name: '测试新增事项', type: 'LICENSING' } })
    const other = (await (await api(portal, 'GET', `/api/workspace/power-items?q=${encodeURIComponent('许可')}`, { cookie: police })).json() as WorkspacePage<WorkspacePowerItem>).items.find((i) => !i.openRequest && i.status === 'IN_FORCE')!
    const retain = await approve({ action: 'RETAIN', entityId: other.id })
    const title = '2026年第4批调整'
    await json(await api(portal, 'POST', '/api/list-versions', { cookie: reform, body: { title, documentNo: DOCUMENT_NO, effectiveDate: cityToday(), changeRequestIds: [addition, retain] } }))
    // The code is taken outside the workflow meanwhile, as the import command would.
    const db = await openDatabase(config)
    try {
      await db.prisma.powerItem.create({ data: { code: 'UI-CLASH-0001', name: '另一事项', type: 'LICENSING', departmentId: other.department.id } })
    } finally {
      await db.close()
    }

    const office = await browser.newPage({ viewport: { width: 375, height: 812 }, locale: 'zh-CN' })
    await login(office, 'reform.office')
    await visit(office, `${portal.url}/admin/review/versions`)
    await office.getByRole('button', { name: `立即发布“${title}”` }).click()
    await office.getByRole('dialog').getByRole('button', { name: '确认立即发布' }).click()
    await expect.poll(() => alertText(office), { timeout: 15_000 }).toContain(`变更 #${addition}`)
    expect(await alertText(office)).toContain('UI-CLASH-0001')
    const card = office.locator('li', { has: office.getByRole('heading', { name: title }) })
    expect(await card.textContent()).toContain('上次未能生效')
    expect(await seriousViolations(office)).toEqual([])
    await screenshots(office, 'version-refused')

    await card.getByRole('button', { name: `移出本版本：变更 #${addition}` }).click()
    await expect.poll(() => alertText(office)).toContain(`已将变更 #${addition} 移出`)
    expect(await card.textContent()).not.toContain('上次未能生效')
    await card.getByRole('button', { name: `立即发布“${title}”` }).click()
    await office.getByRole('dialog').getByRole('button', { name: '确认立即发布' }).click()
    await expect.poll(() => alertText(office), { timeout: 15_000 }).toContain('已发布生效')

    await visit(office, `${portal.url}/admin/review/${addition}`)
    await office.getByLabel('退回意见').fill('编码已被占用，请更换编码后重新提交')
    await office.getByRole('button', { name: '退回变更' }).click()
    await expect.poll(() => alertText(office)).toContain(`已退回变更 #${addition}`)
    expect(await seriousViolations(office)).toEqual([])
    await office.close()
    const returned = await (await api(portal, 'GET', `/api/change-requests/${addition}`, { cookie: police })).json()
    expect(returned.status).toBe('RETURNED')
  }, 120_000)
})
