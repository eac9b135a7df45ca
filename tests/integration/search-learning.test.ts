// Search as a citizen meets it, and the loop that keeps it learning, on the real data with the
// real PostgreSQL and Meilisearch: sentences, typos, English, traditional characters, needs
// handled elsewhere; counts without personal data; the reform office's view of them; and a home
// page list that an outsider cannot write on.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { drainAll } from '../../server/services/search/outbox'
import { searchItems } from '../../server/services/search/query'
import { resetSearchContext } from '../../server/services/search/context'
import { flushSearchStats, recordOpened, recordSearch, searchAnalytics } from '../../server/services/search/stats'
import { deletePopularTerm, popularSearches, resetPopularCache, savePopularTerm } from '../../server/services/search/popular'
import { createReferral, deleteReferral, listReferrals, updateReferral } from '../../server/services/search/referrals'
import { createSynonym } from '../../server/services/search/dictionary'
import type { AuditActor } from '../../server/services/audit'
import { searchQuerySchema, type SearchResult } from '../../shared/search'
import { cityToday } from '../../shared/city-time'
import { createSeededTestEnv, type TestEnv } from '../helpers/services'

let env: TestEnv
const reform: AuditActor = { id: null, username: 'reform.office', role: 'REFORM_OFFICE', departmentId: null }
const today = cityToday()

const search = (q: string, extra: Record<string, unknown> = {}) => searchItems(env.meili, env.db.prisma, env.config.meiliIndex, searchQuerySchema.parse({ q, ...extra }))
const names = (r: SearchResult) => r.hits.map((h) => h.name.map((p) => p.text).join(''))

beforeAll(async () => {
  env = await createSeededTestEnv()
  resetSearchContext()
})
afterAll(async () => { await env.close() })

describe('what citizens type', () => {
  it('finds the item behind a whole sentence, ranked by its meaning words and not by 带 or 证', async () => {
    const disability = await search('残疾人证要带什么')
    expect(names(disability)[0]).toBe('残疾人证新办')
    expect(names(disability).slice(0, 5).every((n) => n.includes('残疾'))).toBe(true)
    expect(disability.understood.dropped).toEqual(expect.arrayContaining(['要带什么']))

    const newborn = await search('刚生的孩子怎么上户口')
    expect(names(newborn).slice(0, 3)).toContain('户口登记')
    expect(names(newborn).some((n) => n.includes('大学生'))).toBe(false)
  })

  it('corrects a typo through its pinyin and says so', async () => {
    const result = await search('护找')
    expect(result.correctedQuery).toBe('护照')
    expect(names(result)[0]).toBe('普通护照签发')
    expect((await search('婚因登记')).correctedQuery).toBe('婚姻登记')
  })

  it('reaches items in English, in pinyin and in traditional characters', async () => {
    expect(names(await search('passport'))[0]).toBe('普通护照签发')
    expect(names(await search('How do I get an ID card?')).slice(0, 3)).toContain('居民身份证办理（包括临时）')
    expect(names(await search('marriage registration')).slice(0, 3)).toContain('中国内地公民婚姻登记')
    expect(names(await search('huzhao'))[0]).toBe('普通护照签发')
    expect(names(await search('護照'))[0]).toBe('普通护照签发')
  })

  it('answers a query of one character with the names that hold it, a word that begins with it first, the character marked', async () => {
    const nurse = await search('护')
    expect(nurse.total).toBeGreaterThan(20)
    // in its name or in an everyday name (古树名木认定 is also called 老树保护)
    expect(nurse.hits.every((h) => [names({ hits: [h] } as SearchResult)[0]!, ...h.aliases].some((n) => n.includes('护')))).toBe(true)
    // items before their variants; among them, 护照 and 护理 (words that begin with 护) before 保护
    expect(names(nurse).slice(0, 3)).toContain('普通护照签发')
    expect(names(nurse).indexOf('重度残疾人护理补贴')).toBeLessThan(names(nurse).findIndex((n) => n.includes('保护')))
    expect(nurse.hits[0]!.name.filter((p) => p.match).map((p) => p.text)).toEqual(['护'])

    const low = await search('低')
    expect(names(low)).toEqual(expect.arrayContaining(['最低生活保障', '家庭经济困难儿童提供最低生活保障']))
    expect(low.partial).toBe(false)
    // a word of two characters is no longer matched character by character
    expect(names(await search('护照')).every((n) => n.includes('护照'))).toBe(true)
  })

  it('finds an item by an everyday name it has only in data/aliases.json', async () => {
    expect(names(await search('良民证'))[0]).toBe('无犯罪记录证明')
  })

  it('says who handles a need outside this district, instead of a near miss or nothing', async () => {
    const permit = await search('港澳通行证')
    expect(permit.help?.referrals.map((r) => r.title)).toEqual(['往来港澳通行证及签注'])
    expect(permit.help?.referrals[0]).toMatchObject({ handledBy: '市公安局出入境管理部门', isDemo: true })
    expect(permit.partial || permit.total === 0).toBe(true)

    const fund = await search('公积金')
    expect(fund.total).toBe(0)
    expect(fund.help?.referrals.map((r) => r.title)).toEqual(['住房公积金缴存、提取和贷款'])
    expect((await search('火化')).help?.referrals.map((r) => r.handledBy)).toEqual(['殡仪馆（民政部门管理）'])
  })

  it('offers words to search instead and departments to browse when the hits match only part of the query', async () => {
    const result = await search('户口本上名字写错了')
    expect(result.partial).toBe(true)
    expect(result.help?.suggestions.length).toBeGreaterThan(0)
    expect(result.help?.departments.map((d) => d.name)).toContain('区公安分局')
    expect(result.lifeEvents).toEqual([])
  })

  it('shows the life event a query names above the hits, read as search reads the query', async () => {
    for (const q of ['开饭店', '开餐馆', '我想开个火锅店', '開火鍋店']) expect((await search(q)).lifeEvents.map((e) => e.slug), q).toEqual(['kaiban-canyindian'])
    for (const q of ['生孩子', '新生儿']) expect((await search(q)).lifeEvents.map((e) => e.slug), q).toEqual(['xinshenger-chusheng'])
    expect((await search('护照')).lifeEvents).toEqual([])
  })

  it('shows nothing rather than hits that match single characters of an unknown word', async () => {
    const result = await search('zzqxjv')
    expect(result.total).toBe(0)
    expect(result.hits).toEqual([])
  })
})

describe('the counts the reform office learns from', () => {
  beforeEach(async () => { await env.db.prisma.searchQueryStat.deleteMany() })

  it('counts searches, searches that found nothing and results opened, per normalised query, masking personal numbers', async () => {
    for (const [q, total] of [['护照', 3], [' 護照 ', 3], ['护照', 3], ['火化', 0], ['火化', 0], ['低保', 5], ['身份证51160219900101123X', 2]] as const) recordSearch(q, total)
    recordOpened('护照')
    recordOpened('护照')
    recordOpened('护照')
    recordOpened('护照')
    recordOpened('开网吧')
    await flushSearchStats(env.db.prisma)

    const stats = await env.db.prisma.searchQueryStat.findMany({ orderBy: { query: 'asc' } })
    expect(stats.map((s) => s.query)).toEqual(['低保', '护照', '火化', '身份证…'])
    expect(JSON.stringify(stats)).not.toContain('51160219900101123')
    // Opened never exceeds searched; an opening without a search row creates none.
    expect(stats.find((s) => s.query === '护照')).toMatchObject({ searches: 3, zeroResults: 0, opened: 3 })

    const view = await searchAnalytics(env.db.prisma, { from: today, to: today, limit: 10 })
    expect(view.totals).toEqual({ searches: 7, zeroResults: 2, opened: 3, queries: 4 })
    expect(view.top[0]).toEqual({ query: '护照', searches: 3, zeroResults: 0, opened: 3 })
    expect(view.zeroResults.map((r) => r.query)).toEqual(['火化'])
    expect(view.neverOpened.map((r) => r.query)).toEqual(['低保', '身份证…'])
    expect((await searchAnalytics(env.db.prisma, { from: '2020-01-01', to: '2020-01-31', limit: 10 })).totals.searches).toBe(0)
  })

  it('counts an opened result that reaches the database before its search, at the next flush', async () => {
    recordOpened('社保卡')
    await flushSearchStats(env.db.prisma)
    recordSearch('社保卡', 12)
    await flushSearchStats(env.db.prisma)
    expect(await env.db.prisma.searchQueryStat.findFirst({ where: { query: '社保卡' } })).toMatchObject({ searches: 1, opened: 1 })
  })

  it('writes a busy interval of thousands of distinct queries at once, adding to the counts already written', async () => {
    const queries = Array.from({ length: 3000 }, (_, i) => `事项${i}`)
    for (const q of queries) recordSearch(q, 1)
    recordSearch('护照', 0)
    await flushSearchStats(env.db.prisma)
    for (const q of queries.slice(0, 10)) recordSearch(q, 0)
    recordSearch('护照', 4)
    for (const q of queries.slice(0, 5)) recordOpened(q)
    await flushSearchStats(env.db.prisma)
    expect(await env.db.prisma.searchQueryStat.count()).toBe(3001)
    expect(await env.db.prisma.searchQueryStat.findFirst({ where: { query: queries[0] } })).toMatchObject({ searches: 2, zeroResults: 1, opened: 1 })
    expect(await env.db.prisma.searchQueryStat.findFirst({ where: { query: queries[2999] } })).toMatchObject({ searches: 1, zeroResults: 0, opened: 0 })
    expect(await env.db.prisma.searchQueryStat.findFirst({ where: { query: '护照' } })).toMatchObject({ searches: 2, zeroResults: 1 })
  })

  it('adds a synonym from a query that found nothing in one step, and search then finds it', async () => {
    expect((await search('落地签转办')).total).toBe(0)
    await createSynonym(env.db.prisma, reform, { term: '落地签转办', targets: ['普通护照签发'], kind: 'COLLOQUIAL', note: '来自搜索分析' })
    await drainAll(env.db.prisma, env.meili, env.config.meiliIndex)
    resetSearchContext()
    expect(names(await search('落地签转办'))[0]).toBe('普通护照签发')
    const audit = await env.db.prisma.auditEntry.findFirst({ where: { action: 'synonym.create' }, orderBy: { seq: 'desc' } })
    expect(audit).toMatchObject({ actorName: 'reform.office', after: { term: '落地签转办' } })
  })
})

describe('大家都在搜', () => {
  beforeEach(async () => {
    await env.db.prisma.searchQueryStat.deleteMany()
    await env.db.prisma.popularTerm.deleteMany()
    resetPopularCache()
  })

  it("never shows an outsider's text, however often it is searched and however much it finds", async () => {
    for (let i = 0; i < 500; i++) recordSearch('护照 加微信领补贴', 25)
    for (let i = 0; i < 500; i++) recordSearch('<b>免费</b>', 3)
    for (let i = 0; i < 5; i++) recordSearch('护照', 1)
    for (let i = 0; i < 4; i++) recordSearch('低保', 1)
    await flushSearchStats(env.db.prisma)
    const terms = await popularSearches(env.db.prisma)
    // What people found most, then the starting list of common needs until there are enough.
    expect(terms.slice(0, 2)).toEqual(['护照', '低保'])
    expect(terms.join('|')).not.toMatch(/微信|免费|<b>/)
  })

  it('needs a term to have found something often enough', async () => {
    for (let i = 0; i < 50; i++) recordSearch('公积金', 0)
    for (let i = 0; i < 2; i++) recordSearch('五保户', 1)
    await flushSearchStats(env.db.prisma)
    const terms = await popularSearches(env.db.prisma)
    expect(terms).not.toContain('公积金')
    expect(terms).not.toContain('五保户')
  })

  it("puts the reform office's approved terms first and keeps blocked ones off, with audit entries", async () => {
    for (let i = 0; i < 9; i++) recordSearch('低保', 1)
    for (let i = 0; i < 8; i++) recordSearch('五保户', 1)
    await flushSearchStats(env.db.prisma)
    await savePopularTerm(env.db.prisma, reform, { term: '开小吃店', status: 'APPROVED', sortOrder: 0 })
    const blocked = await savePopularTerm(env.db.prisma, reform, { term: '五保', status: 'BLOCKED', sortOrder: 0 })
    const shown = await popularSearches(env.db.prisma)
    expect(shown.slice(0, 2)).toEqual(['开小吃店', '低保'])
    expect(shown).not.toContain('五保户')

    await deletePopularTerm(env.db.prisma, reform, blocked.id)
    expect((await popularSearches(env.db.prisma)).slice(0, 3)).toEqual(['开小吃店', '低保', '五保户'])
    const actions = (await env.db.prisma.auditEntry.findMany({ where: { entityType: 'POPULAR_TERM' }, orderBy: { seq: 'asc' } })).map((e) => e.action)
    expect(actions.slice(-3)).toEqual(['popular-term.create', 'popular-term.create', 'popular-term.delete'])
  })
})

describe('the table of needs handled elsewhere', () => {
  it('is seeded as examples, and each change is audited and shown to search at once', async () => {
    const seeded = await listReferrals(env.db.prisma)
    expect(seeded.length).toBeGreaterThanOrEqual(10)
    expect(seeded.every((r) => r.isDemo)).toBe(true)

    const created = await createReferral(env.db.prisma, reform, { keywords: ['不动产权证', '房产证'], title: '不动产登记', handledBy: '区不动产登记中心', level: 'COUNTY', note: '房屋和土地的登记。', url: null })
    expect((await search('房产证怎么办')).help?.referrals.map((r) => r.title)).toContain('不动产登记')
    const edited = await updateReferral(env.db.prisma, reform, seeded[0]!.id, { note: '已核实的办理说明。' })
    expect(edited).toMatchObject({ note: '已核实的办理说明。', isDemo: false })
    await deleteReferral(env.db.prisma, reform, created.id)
    expect((await search('房产证怎么办')).help?.referrals.map((r) => r.title) ?? []).not.toContain('不动产登记')
    const actions = (await env.db.prisma.auditEntry.findMany({ where: { entityType: 'SERVICE_REFERRAL' }, orderBy: { seq: 'asc' } })).map((e) => e.action)
    expect(actions).toEqual(['referral.create', 'referral.update', 'referral.delete'])
  })
})
