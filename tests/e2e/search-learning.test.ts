// Search that understands citizens, on the built portal with the real data: the corrected query
// and the note on needs handled elsewhere as a citizen sees them, and the reform office's loop:
// the analytics page over a period, a dictionary entry added from a zero-result query in one
// step (audited, and search finds it), and 大家都在搜 as chosen. On a phone, with axe-core.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startDemoPortal, waitForIndex, type Portal } from '../helpers/portal'
import { api, signIn } from '../helpers/session'
import { alertText, hasChromium, screenshots, seriousViolations } from '../helpers/browser'
import { chromiumPages } from '../helpers/pages'
import { DEMO_PASSWORD } from '../../shared/demo-accounts'
import { cityToday } from '../../shared/city-time'
import type { SearchResult } from '../../shared/search'
import type { SearchAnalytics } from '../../shared/search-curation'

let portal: Portal
const cookies = { reform: '', editor: '' }
const today = cityToday()
const ZERO = '农转非'

const searchApi = async (q: string) => (await fetch(`${portal.url}/api/search?q=${encodeURIComponent(q)}`)).json() as Promise<SearchResult>
const names = (r: SearchResult) => r.hits.map((h) => h.name.map((p) => p.text).join(''))

beforeAll(async () => {
  // What citizens searched today, as the portal's counters would have written it.
  const started = await startDemoPortal((db) => db.prisma.searchQueryStat.createMany({
    data: [
      { day: new Date(`${today}T00:00:00Z`), query: ZERO, searches: 4, zeroResults: 4, opened: 0 },
      { day: new Date(`${today}T00:00:00Z`), query: '护照', searches: 12, zeroResults: 0, opened: 7 },
      { day: new Date(`${today}T00:00:00Z`), query: '低保', searches: 5, zeroResults: 0, opened: 0 },
    ],
  }))
  portal = started.portal
  cookies.reform = await signIn(portal, 'reform.office', DEMO_PASSWORD)
  cookies.editor = await signIn(portal, 'police.editor', DEMO_PASSWORD)
})
afterAll(async () => { await portal?.stop() })

describe('search over HTTP', () => {
  it('answers a typo with the corrected query and a need handled elsewhere with who handles it', async () => {
    const typo = await searchApi('护找')
    expect(typo.correctedQuery).toBe('护照')
    expect(names(typo)[0]).toBe('普通护照签发')
    const permit = await searchApi('港澳通行证')
    expect(permit.help?.referrals[0]?.handledBy).toBe('市公安局出入境管理部门')
  })

  it('takes a result-opened count from anyone, with the query only', async () => {
    const res = await api(portal, 'POST', '/api/search/opened', { body: { q: '护照' } })
    expect(res.status).toBe(204)
    const bad = await api(portal, 'POST', '/api/search/opened', { body: { q: '', who: 'x' } })
    expect(bad.status).toBe(400)
  })

  it('shows the analytics to the reform office only', async () => {
    const res = await api(portal, 'GET', `/api/search/analytics?from=${today}&to=${today}`, { cookie: cookies.reform })
    expect(res.status).toBe(200)
    const view = await res.json() as SearchAnalytics
    // The searches of the tests above may have been counted too (the portal writes its counts every 30 s).
    expect(view.top[0]).toMatchObject({ query: '护照', zeroResults: 0 })
    expect(view.top[0]!.searches).toBeGreaterThanOrEqual(12)
    expect(view.top[0]!.opened).toBeGreaterThanOrEqual(7)
    expect(view.zeroResults.map((r) => r.query)).toContain(ZERO)
    expect(view.neverOpened.map((r) => r.query)).toContain('低保')
    expect(view.neverOpened.map((r) => r.query)).not.toContain('护照')
    expect((await api(portal, 'GET', `/api/search/analytics?from=${today}&to=${today}`, { cookie: cookies.editor })).status).toBe(403)
    const reversed = await api(portal, 'GET', `/api/search/analytics?from=${today}&to=2020-01-01`, { cookie: cookies.reform })
    expect(reversed.status).toBe(400)
    expect((await reversed.json()).data.error).toBe('VALIDATION_FAILED')
  })
})


describe.skipIf(!hasChromium)('in a browser, on a phone', () => {
  const { open, pageAt } = chromiumPages(() => portal.url)

  it('tells a citizen what was meant and who handles what this district does not', async () => {
    const { context, page } = await pageAt(`/search?q=${encodeURIComponent('护找')}`)
    expect(await page.getByRole('status').filter({ hasText: '您是不是要找' }).textContent()).toContain('护照')
    expect(await page.getByRole('heading', { level: 3 }).first().textContent()).toContain('普通护照签发')
    expect(await seriousViolations(page)).toEqual([])

    await open(page, `/search?q=${encodeURIComponent('港澳通行证')}`)
    const note = page.getByRole('region', { name: '由其他机关办理的事项' })
    expect(await note.textContent()).toContain('往来港澳通行证及签注：由市公安局出入境管理部门办理')
    expect(await note.textContent()).toContain('示例')
    expect(await seriousViolations(page)).toEqual([])
    await screenshots(page, 'search-referral')
    await context.close()
  })

  it('lets the reform office add a synonym from a query that found nothing, in one step, and search then finds it', { timeout: 150_000 }, async () => {
    const { context, page } = await pageAt('/admin/search', cookies.reform)
    const zeroTable = page.locator('#stats-zero')
    expect(await zeroTable.textContent()).toContain(ZERO)
    await zeroTable.getByRole('button', { name: `为“${ZERO}”添加同义词或俗称` }).click()
    await page.getByLabel('对应的正式说法或事项名称').fill('户口迁移审批')
    await page.getByRole('button', { name: '保存到词典' }).click()
    await expect.poll(() => alertText(page)).toContain(`已把“${ZERO}”加入搜索词典`)
    expect(await seriousViolations(page)).toEqual([])
    await screenshots(page, 'search-analytics')

    const audit = await (await api(portal, 'GET', '/api/synonyms?q=' + encodeURIComponent(ZERO), { cookie: cookies.reform })).json() as { items: { term: string; targets: string[] }[] }
    expect(audit.items).toEqual([expect.objectContaining({ term: ZERO, targets: ['户口迁移审批'] })])
    await waitForIndex(portal)
    await expect.poll(async () => names(await searchApi(ZERO))[0], { timeout: 90_000, interval: 2_000 }).toBe('户口迁移审批')
    await context.close()
  })

  it('puts a term the reform office recommends on the home page, and never a blocked one', async () => {
    const { context, page } = await pageAt('/admin/search', cookies.reform)
    await page.locator('#stats-top').getByRole('button', { name: '推荐到首页 护照' }).click()
    await expect.poll(() => alertText(page)).toContain('“护照”已推荐到首页')
    await page.locator('#stats-unopened').getByRole('button', { name: '屏蔽 低保' }).click()
    await expect.poll(() => alertText(page)).toContain('“低保”已屏蔽')
    const popular = await (await fetch(`${portal.url}/api/search/popular`)).json() as { terms: string[] }
    expect(popular.terms[0]).toBe('护照')
    expect(popular.terms).not.toContain('低保')
    await open(page, '/')
    expect(await page.getByRole('heading', { name: '大家都在搜' }).locator('xpath=..').textContent()).toContain('护照')
    await context.close()
  })
})
