import { describe, expect, it } from 'vitest'
import { pinyinOf, pinyinTokens } from '../../server/services/search/pinyin'
import { buildSynonyms } from '../../server/services/search/settings'
import { splitHighlight } from '../../server/services/search/query'
import { searchQuerySchema } from '../../shared/search'

describe('pinyin tokens', () => {
  it('index every 2-4 character run of a name, so the pinyin of any word in it matches', () => {
    const { full, initials } = pinyinTokens('普通护照签发')
    expect(full).toEqual(expect.arrayContaining(['huzhao', 'putong', 'qianfa', 'putonghuzhao', 'huzhaoqianfa']))
    expect(initials).toEqual(expect.arrayContaining(['hz', 'pthz', 'hzqf']))
    expect(pinyinTokens('犬类准养证核发').full).toContain('quanlei')
  })

  it('ignore punctuation and Latin text instead of joining across them', () => {
    const { full } = pinyinTokens('企业投资项目备案（技术改造）')
    expect(full).toContain('jishugaizao')
    expect(full).not.toContain('beianjishu')
  })

  it('turn a whole term into one pinyin string', () => {
    expect(pinyinOf('低保')).toBe('dibao')
  })
})

describe('synonyms from the dictionary', () => {
  const synonyms = buildSynonyms([
    { term: '办护照', targets: ['护照'], kind: 'COLLOQUIAL' },
    { term: '审批', targets: ['核准', '许可'], kind: 'SYNONYM' },
    { term: '低保', targets: ['最低生活保障'], kind: 'COLLOQUIAL' },
  ])

  it('make colloquial terms one-way', () => {
    expect(synonyms['办护照']).toEqual(['护照'])
    expect(synonyms['护照']).toBeUndefined()
  })

  it('make synonym groups interchangeable', () => {
    expect(synonyms['核准']).toEqual(expect.arrayContaining(['审批', '许可']))
    expect(synonyms['许可']).toEqual(expect.arrayContaining(['审批', '核准']))
  })

  it('let the pinyin of a term find what the term finds', () => {
    expect(synonyms['dibao']).toEqual(expect.arrayContaining(['低保', '最低生活保障']))
  })
})

describe('highlighting', () => {
  it('splits marked text into parts without any HTML', () => {
    expect(splitHighlight('普通\uE000护照\uE001签发')).toEqual([
      { text: '普通', match: false },
      { text: '护照', match: true },
      { text: '签发', match: false },
    ])
    expect(splitHighlight('<script>alert(1)</script>')).toEqual([{ text: '<script>alert(1)</script>', match: false }])
  })
})

describe('search query validation', () => {
  it('accepts what the portal puts in the URL', () => {
    const q = searchQuerySchema.parse({ q: ' 护照 ', dept: ['3', '5'], type: 'LICENSING', page: '2' })
    expect(q).toMatchObject({ q: '护照', dept: [3, 5], type: ['LICENSING'], page: 2, sort: 'relevance' })
  })

  it('refuses unknown parameters, filter injection and out-of-range pages', () => {
    expect(searchQuerySchema.safeParse({ type: 'LICENSING" OR 1=1' }).success).toBe(false)
    expect(searchQuerySchema.safeParse({ dept: '1 OR departmentId > 0' }).success).toBe(false)
    expect(searchQuerySchema.safeParse({ page: '0' }).success).toBe(false)
    expect(searchQuerySchema.safeParse({ q: 'x'.repeat(101) }).success).toBe(false)
    expect(searchQuerySchema.safeParse({ filter: 'status = DRAFT' }).success).toBe(false)
  })
})
