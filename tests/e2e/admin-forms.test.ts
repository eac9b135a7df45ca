// The back office's own forms as the administrator and the reform office use them on a phone:
// every field found by its label (and axe-core finds nothing serious), what is typed saved and
// shown, and what is wrong said under its own field before anything is sent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startDemoPortal, type Portal } from '../helpers/portal'
import { api, signIn } from '../helpers/session'
import { alertText, hasChromium, screenshots, seriousViolations } from '../helpers/browser'
import { chromiumPages } from '../helpers/pages'
import { DEMO_PASSWORD } from '../../shared/demo-accounts'
import type { DepartmentView, UserView } from '../../shared/auth'
import type { ReferralView } from '../../shared/search-curation'

let portal: Portal
const cookies = { admin: '', reform: '' }

beforeAll(async () => {
  portal = (await startDemoPortal()).portal
  cookies.admin = await signIn(portal, 'admin', DEMO_PASSWORD)
  cookies.reform = await signIn(portal, 'reform.office', DEMO_PASSWORD)
})
afterAll(async () => { await portal?.stop() })

const get = async <T>(path: string, cookie: string) => (await api(portal, 'GET', path, { cookie })).json() as Promise<T>

describe.skipIf(!hasChromium)('the back office forms on a phone', () => {
  const { pageAt } = chromiumPages(() => portal.url)

  it('creates a department from the form and changes its level and parent in its row of the table', async () => {
    const { context, page } = await pageAt('/admin/departments', cookies.admin)
    const create = page.getByRole('region', { name: '新建部门' })
    await create.getByLabel('部门编码').fill('TEST-FORMS')
    await create.getByLabel('部门名称').fill('表单测试局')
    await create.getByLabel('行政区划代码').fill('511602')
    await create.getByLabel('层级').selectOption({ label: '乡镇（街道）级' })
    await create.getByRole('button', { name: '创建' }).click()
    await expect.poll(() => alertText(page)).toContain('已创建部门 表单测试局')
    const created = (await get<{ departments: DepartmentView[] }>('/api/admin/departments', cookies.admin)).departments.find((d) => d.code === 'TEST-FORMS')!
    expect(created).toMatchObject({ name: '表单测试局', level: 'TOWNSHIP', parentId: null })

    const row = page.getByRole('row').filter({ hasText: 'TEST-FORMS' })
    await row.getByLabel('层级').selectOption({ label: '县（区）级' })
    await row.getByLabel('上级部门').selectOption({ label: '区公安分局' })
    await row.getByRole('button', { name: '保存' }).click()
    await expect.poll(() => alertText(page)).toContain('已保存 表单测试局 的修改')
    const saved = (await get<{ departments: DepartmentView[] }>('/api/admin/departments', cookies.admin)).departments.find((d) => d.id === created.id)!
    const police = (await get<{ departments: DepartmentView[] }>('/api/admin/departments', cookies.admin)).departments.find((d) => d.name === '区公安分局')!
    expect(saved).toMatchObject({ level: 'COUNTY', parentId: police.id })
    expect(await seriousViolations(page)).toEqual([])
    await screenshots(page, 'admin-departments')
    await context.close()
  })

  it('creates a user of a department with a role, and shows the one-time password', async () => {
    const { context, page } = await pageAt('/admin/users', cookies.admin)
    const create = page.getByRole('region', { name: '新建用户' })
    await create.getByLabel('用户名').fill('forms.editor')
    await create.getByLabel('姓名').fill('表单经办人')
    await create.getByLabel('角色').selectOption({ label: '部门经办人' })
    await create.getByLabel('部门').selectOption({ label: '区民政局' })
    await create.getByRole('button', { name: '创建' }).click()
    await expect.poll(() => page.locator('main').textContent()).toContain('forms.editor 的一次性临时密码')
    const user = (await get<{ users: UserView[] }>('/api/admin/users', cookies.admin)).users.find((u) => u.username === 'forms.editor')!
    expect(user).toMatchObject({ displayName: '表单经办人', role: 'EDITOR', departmentName: '区民政局' })
    expect(await seriousViolations(page)).toEqual([])
    await screenshots(page, 'admin-users')
    await context.close()
  })

  it('says under each field of a referral what it lacks, then adds, edits and deletes it', async () => {
    const { context, page } = await pageAt('/admin/referrals', cookies.reform)
    page.on('dialog', (dialog) => void dialog.accept())
    const form = page.getByRole('region', { name: '添加', exact: true })
    await form.getByRole('button', { name: '添加' }).click()
    // Checked in the page with the schema the server applies: nothing is sent, each field says why.
    const keywords = form.getByLabel('群众会搜的词')
    await expect.poll(() => keywords.getAttribute('aria-invalid')).toBe('true')
    expect(await page.locator(`#${await keywords.getAttribute('aria-describedby')}`).textContent()).toBe('至少填写一个关键词')
    const title = form.getByLabel('事项名称')
    expect(await page.locator(`#${await title.getAttribute('aria-describedby')}`).textContent()).toBe('请填写事项名称')
    expect(await seriousViolations(page)).toEqual([])

    await keywords.fill('表单测试、测试表单')
    await title.fill('表单测试证')
    await form.getByLabel('办理机关').fill('市表单测试中心')
    await form.getByLabel('层级').selectOption({ label: '省级机关办理' })
    await form.getByLabel('办理说明').fill('请到市表单测试中心办理。')
    await form.getByRole('button', { name: '添加' }).click()
    await expect.poll(() => alertText(page)).toContain('已添加“表单测试证”')
    expect(await title.getAttribute('aria-invalid')).toBeNull()
    const added = (await get<{ items: ReferralView[] }>('/api/search/referrals', cookies.reform)).items.find((r) => r.title === '表单测试证')!
    expect(added).toMatchObject({ keywords: ['表单测试', '测试表单'], handledBy: '市表单测试中心', level: 'PROVINCE' })

    await page.getByRole('button', { name: '修改 表单测试证' }).click()
    await page.getByLabel('办理机关').fill('省表单测试中心')
    await page.getByRole('button', { name: '修改', exact: true }).click()
    await expect.poll(() => alertText(page)).toContain('已保存“表单测试证”')
    expect((await get<{ items: ReferralView[] }>('/api/search/referrals', cookies.reform)).items.find((r) => r.id === added.id)?.handledBy).toBe('省表单测试中心')
    await screenshots(page, 'admin-referrals')

    await page.getByRole('button', { name: '删除 表单测试证' }).click()
    await expect.poll(() => alertText(page)).toContain('已删除“表单测试证”')
    expect((await get<{ items: ReferralView[] }>('/api/search/referrals', cookies.reform)).items.some((r) => r.id === added.id)).toBe(false)
    await context.close()
  })
})
