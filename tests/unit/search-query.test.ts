// What search makes of a citizen's query before the index sees it, and how it corrects typos:
// with the real segmenter (jieba and its lexicons) and a small vocabulary standing in for the index.
import { describe, expect, it } from 'vitest'
import { analyzeQuery, BUILT_IN_FILLERS, normalizeQuery, type QueryContext } from '../../server/services/search/analysis'
import { buildSpellingIndex, correctSpelling } from '../../server/services/search/correction'
import { addWords, cut } from '../../server/services/search/segmenter'
import { statsQuery } from '../../server/services/search/stats'

/** What a small index would hold: names and everyday names of a few items, and dictionary words. */
const INDEXED = ['普通护照签发', '护照', '办护照', '残疾人证新办', '残疾人证', '残疾证', '户口登记', '上户口', '户口迁移审批', '迁户口',
  '中国内地公民婚姻登记', '婚姻登记', '结婚登记', '营业执照', '公司设立登记', '社会保障卡申领', '社保卡', '补办', '户口', '养狗', '犬类准养证核发']
const STOP_WORDS = ['申请', '办']

function context(known = INDEXED): QueryContext {
  addWords(known)
  const text = known.join('\n')
  return {
    cut,
    fillers: new Set([...BUILT_IN_FILLERS, ...STOP_WORDS]),
    englishTerms: new Set(['passport', 'id card', 'lost']),
    isKnown: (word) => text.includes(word),
  }
}
const terms = (q: string, ctx = context()) => analyzeQuery(q, ctx).terms

describe('query analysis', () => {
  it('drops filler and question words wherever they stand', () => {
    expect(terms('刚生的孩子怎么上户口')).toEqual(['上户口'])
    expect(terms('残疾人证要带什么')).toEqual(['残疾人证'])
    expect(terms('我想问一下护照需要什么材料')).toEqual(['护照'])
    expect(terms('请问办护照要带什么')).toEqual(['办护照'])
    expect(terms('在哪里办营业执照要多久')).toEqual(['营业执照'])
  })

  it('keeps the words that carry the meaning, in the order typed', () => {
    expect(terms('社保卡丢了怎么补办')).toEqual(['社保卡', '补办'])
    expect(terms('户口迁移审批')).toEqual(['户口迁移审批'])
  })

  it('never lets a lone common character stand beside real words', () => {
    for (const q of ['残疾人证要带什么', '开个证明交材料', '刚生的孩子怎么上户口', '养狗要办证吗', '补办护照带什么']) {
      const analysis = analyzeQuery(q, context())
      expect(analysis.terms.length, q).toBeGreaterThan(0)
      for (const t of analysis.terms) expect([...t].length > 1 || analysis.terms.length === 1, `${q}: ${t}`).toBe(true)
      expect(analysis.terms, q).not.toContain('证')
      expect(analysis.terms, q).not.toContain('带')
      expect(analysis.terms, q).not.toContain('交')
      expect(analysis.terms, q).not.toContain('生')
    }
  })

  it('keeps a lone character that is all the query has, and consecutive lone characters together', () => {
    expect(terms('狗')).toEqual(['狗'])
    // Not a word of the segmenter: kept whole, so that typo correction can read it.
    expect(analyzeQuery('护找', context()).terms).toEqual(['护找'])
    expect(analyzeQuery('护找', context()).unknown).toEqual(['护找'])
  })

  it('leaves out words the index does not know when there are words it knows', () => {
    const analysis = analyzeQuery('户口想迁到老公那边', context([...INDEXED, '迁到']))
    expect(analysis.terms).toContain('户口')
    expect(analysis.terms).not.toContain('老公')
    expect(analysis.dropped).toContain('老公')
  })

  it('searches for what was typed when it is nothing but filler', () => {
    expect(terms('怎么办')).toEqual(['怎么办'])
  })

  it('reads traditional characters, full-width letters and English as simplified, half-width and known phrases', () => {
    expect(normalizeQuery('結婚登記要帶什麼？')).toBe('结婚登记要带什么')
    expect(terms('護照')).toEqual(['护照'])
    expect(normalizeQuery('ＰＡＳＳＰＯＲＴ')).toBe('passport')
    expect(terms('How do I apply for a passport?')).toEqual(['passport'])
    expect(terms('lost ID card')).toEqual(['lost', 'id card'])
  })
})

describe('typo and pinyin correction', () => {
  const weights = new Map<string, number>(INDEXED.map((w) => [w, 3]))
  weights.set('公基金', 1)
  const index = buildSpellingIndex(weights)

  it('replaces a character typed for one that sounds the same with the known word', () => {
    expect(correctSpelling('护找', index)).toBe('护照')
    expect(correctSpelling('婚因登记', index)).toBe('婚姻登记')
    expect(correctSpelling('户口签移审批', index)).toBe('户口迁移审批')
    expect(correctSpelling('社保咔', index)).toBe('社保卡')
  })

  it('turns pinyin into the known words, with or without spaces', () => {
    expect(correctSpelling('huzhao', index)).toBe('护照')
    expect(correctSpelling('hu zhao', index)).toBe('护照')
    expect(correctSpelling('canjizheng buban', index)).toBe('残疾证补办')
    expect(correctSpelling('canjizheng 补办', index)).toBe('残疾证 补办')
    expect(correctSpelling('shebaoka', index)).toBe('社保卡')
  })

  it('leaves known words, English and unrelated text alone', () => {
    expect(correctSpelling('护照', index)).toBeNull()
    expect(correctSpelling('passport', index, (w) => w === 'passport')).toBeNull()
    expect(correctSpelling('火化', index)).toBeNull()
  })

  it('does not trust a word seen only once as two neighbours joined', () => {
    expect(correctSpelling('公积金', index)).toBeNull()
  })

  it('changes at most half of a word', () => {
    expect(correctSpelling('户找', index)).toBeNull()
  })
})

describe('the query as search statistics keep it', () => {
  it('keeps the normalised query and masks numbers and addresses that could name a person', () => {
    expect(statsQuery('  護照  怎么办 ')).toBe('护照 怎么办')
    expect(statsQuery('身份证 51160219900101123X 补办')).toBe('身份证 … 补办')
    expect(statsQuery('电话13812345678')).toBe('电话…')
    expect(statsQuery('zhang.san@example.com 低保')).toBe('… 低保')
    expect(statsQuery('80岁老人补贴')).toBe('80岁老人补贴')
    expect(statsQuery('   ')).toBeNull()
    expect(statsQuery('13812345678')).toBeNull()
    expect([...statsQuery('长'.repeat(80))!].length).toBe(50)
  })
})
