// The list pages and the public list API as a reader and an API client meet them: the built
// portal over the real data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startPortalWithRealData, type Portal } from '../helpers/portal'
import type { Page } from '../../shared/lists'
import type { AnnouncementRow, AnnouncementView, DepartmentRow, DepartmentView, DutyPage, FundPage, FundView, PowerItemPage } from '../../shared/list-views'
import type { PowerItemView } from '../../shared/items'

let portal: Portal
const get = (path: string) => fetch(`${portal.url}${path}`)
const getJson = async <T>(path: string) => {
  const res = await get(path)
  expect(res.status, path).toBe(200)
  return res.json() as Promise<T>
}
const html = async (path: string) => {
  const res = await get(path)
  expect(res.status, path).toBe(200)
  return res.text()
}
const police = async () => (await getJson<DepartmentRow[]>('/api/v1/departments')).find((d) => d.name === '区公安分局')!

beforeAll(async () => { ({ portal } = await startPortalWithRealData()) })
afterAll(async () => { await portal?.stop() })

describe('the public list API', () => {
  it('pages the power list and filters it by type', async () => {
    const page = await getJson<PowerItemPage>('/api/v1/power-items?type=LICENSING&pageSize=10&page=2')
    expect(page).toMatchObject({ page: 2, pageSize: 10 })
    expect(page.items).toHaveLength(10)
    expect(page.items.every((i) => i.type === 'LICENSING' && i.typeCode === '01')).toBe(true)
    expect(page.pageCount).toBe(Math.ceil(page.total / 10))
    expect(page.filters.type.find((t) => t.value === 'LICENSING')!.count).toBe(page.total)
    const item = await getJson<PowerItemView>(`/api/v1/power-items/${page.items[0]!.code}`)
    expect(item).toMatchObject({ code: page.items[0]!.code, typeName: '行政许可' })
  })

  it('gives duties, funds, departments and announcements in their documented shapes', async () => {
    const dept = await police()
    const duties = await getJson<DutyPage>(`/api/v1/duties?dept=${dept.id}&kind=POWER_DUTY&pageSize=5`)
    expect(duties.total).toBe(dept.counts.powerItems)
    expect(duties.items[0]!.powerItem).toMatchObject({ code: expect.any(String), name: expect.any(String) })
    expect(duties.items[0]!.cases.length).toBeGreaterThan(0)

    const funds = await getJson<FundPage>('/api/v1/funds?sort=amount&pageSize=3')
    expect(funds.total).toBe(87)
    const fund = await getJson<FundView>(`/api/v1/funds/${funds.items[0]!.code}`)
    expect(fund.allocatedAmount).toBe(fund.amount)
    expect(fund.allocations[0]).toMatchObject({ recipient: expect.any(String), amount: expect.stringMatching(/^\d+\.\d\d$/), publishedOn: expect.stringMatching(/^\d{4}-\d\d-\d\d$/) })

    const departments = await getJson<DepartmentRow[]>('/api/v1/departments')
    expect(departments).toHaveLength(34)
    for (const d of departments) {
      expect(await getJson<DepartmentView>(`/api/v1/departments/${encodeURIComponent(d.code)}`)).toMatchObject({ name: d.name, counts: d.counts })
    }

    const [announcement] = await getJson<AnnouncementRow[]>('/api/v1/announcements')
    const view = await getJson<AnnouncementView>(`/api/v1/announcements/${announcement!.id}?pageSize=20`)
    const changes: Page<unknown> = view.changes
    // The first load's announcement lists every record it published, of the three lists, as its counts say.
    expect(view.counts.lists.find((l) => l.list === 'power')?.total).toBe(1135)
    expect(changes).toMatchObject({ total: view.counts.total, pageSize: 20, pageCount: Math.ceil(view.counts.total / 20) })
  })

  it('refuses bad input with 400 and names the field, and unknown records with 404', async () => {
    for (const path of ['/api/v1/power-items?type=NOPE&page=0', '/api/v1/duties?kind=X', '/api/v1/funds?year=abc', '/api/v1/power-items?colour=red', '/api/v1/announcements/abc']) {
      const res = await get(path)
      expect(res.status, path).toBe(400)
      expect((await res.json()).data.error).toBe('VALIDATION_FAILED')
    }
    const bad = await (await get('/api/v1/power-items?type=NOPE&page=0')).json()
    expect(bad.data.issues.map((i: { path: string }) => i.path)).toEqual(expect.arrayContaining(['type', 'page']))
    for (const [path, error] of [
      ['/api/v1/power-items/NO-SUCH-ITEM', 'ITEM_NOT_FOUND'],
      ['/api/v1/funds/NO-SUCH-FUND', 'FUND_NOT_FOUND'],
      ['/api/v1/departments/NO-SUCH-DEPARTMENT', 'DEPARTMENT_NOT_FOUND'],
      ['/api/v1/announcements/999999', 'ANNOUNCEMENT_NOT_FOUND'],
    ]) {
      const res = await get(path!)
      expect(res.status, path).toBe(404)
      expect((await res.json()).data.error).toBe(error)
    }
  })
})

describe('the list pages', () => {
  it('renders the licensing items of the power list with the filter in the URL', async () => {
    const page = await html('/power?type=LICENSING')
    expect(page).toMatch(/<title>权力清单 - [^<]+<\/title>/)
    expect(page).toContain('普通护照签发')
    expect(page).toMatch(/行政许可[\s\S]{0,80}（已选择）/)
    expect(page).not.toContain('>行政处罚（02）<')
    expect(page).toMatch(/href="\/power\?type=LICENSING&amp;page=2"/)
    // Its own search box searches within the power list, without JavaScript too.
    expect(page).toMatch(/<form role="search" action="\/search"[^>]*>[\s\S]*?在权力清单中搜索[\s\S]*?<input type="hidden" name="list" value="power">/)
    const within = await (await fetch(`${portal.url}/api/search?q=${encodeURIComponent('护照')}&list=power`)).json() as { hits: { list: string }[] }
    expect(within.hits.length).toBeGreaterThan(0)
    expect(within.hits.every((h) => h.list === 'power')).toBe(true)
  })

  it('lists every department of the district in the directory, on one page', async () => {
    const departments = await getJson<DepartmentRow[]>('/api/v1/departments')
    const page = await html('/departments')
    for (const d of departments) expect(page).toContain(`/departments/${d.code}`)
    expect(page).toContain(`${departments.length} 个部门`)
    expect(page).not.toContain('aria-label="分页"')
    // A page past the end shows the last (here the only) page rather than nothing.
    expect(await html('/departments?page=9')).toContain(`/departments/${departments[0]!.code}`)
  })

  it('shows a department with its three lists and its boundaries with others', async () => {
    const dept = await police()
    const department = await getJson<DepartmentView>(`/api/v1/departments/${dept.code}`)
    const page = await html(`/departments/${dept.code}`)
    expect(page).toMatch(/<h1[^>]*>区公安分局<\/h1>/)
    expect(page).toContain('<title>区公安分局 - ')
    expect(page).toContain(`/power?dept=${dept.id}&amp;type=LICENSING`)
    expect(page).toContain(department.departmentDuties[0]!.title)
    const other = department.boundaries[0]!.departments.find((d) => d.department.id !== dept.id)!
    expect(page).toContain(other.department.name)
    expect(page).toContain(other.responsibility)
    expect(page).toContain('示例数据')
  })

  it('shows a fund with its allocations and their total', async () => {
    const { items: [row] } = await getJson<FundPage>('/api/v1/funds?pageSize=1')
    const fund = await getJson<FundView>(`/api/v1/funds/${row!.code}`)
    const page = await html(`/funds/${fund.code}`)
    expect(page).toContain(`<title>${fund.name} - `)
    expect(page).toContain(fund.allocations[0]!.recipient)
    const total = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 2 }).format(Number(fund.amount))
    expect(page).toMatch(new RegExp(`合计（${fund.allocations.length} 笔）[\\s\\S]{0,200}${total} 万元`))
    expect(page).toContain('示例数据')
    // Its public history: published once, by the import, with no actor named.
    expect(fund.history).toEqual([{ revision: 1, action: 'ADD', validFrom: expect.any(String), documentNo: null, reason: null, changedFields: [], changes: [] }])
    expect(page).toMatch(/<h2 id="history-heading"[^>]*>变更记录<\/h2>[\s\S]{0,400}新增/)
    expect((await get('/funds/NO-SUCH-FUND')).status).toBe(404)
  })

  it('lists the adjustment announcements with what each changed', async () => {
    const page = await html('/announcements')
    expect(page).toMatch(/<title>调整公告 - /)
    expect(page).toContain('清单导入发布')
    expect(page).toContain('新增 1135 项')
  })

  it('speaks English at /en/power', async () => {
    const page = await html('/en/power')
    expect(page).toContain('lang="en"')
    expect(page).toMatch(/<title>Power list - /)
    expect(page).toContain('Administrative licensing (01)')
    expect(page).toContain('Type of power')
    expect(page).toContain('787 items')
    expect(page).not.toContain('权力类型')
  })
})
