// The rules a service guide's fields follow wherever they are typed (the form, the API, the
// spreadsheet), what a guide lacks, and which life event a citizen's words name.
import { describe, expect, it } from 'vitest'
import { guideFieldsSchema, guideGaps } from '../../shared/guides'
import { lifeEventFieldsSchema } from '../../shared/life-events'
import { lifeEventScore, matchLifeEvents } from '../../server/services/life-events/public'
import { analyzeQuery, BUILT_IN_FILLERS, type QueryContext } from '../../server/services/search/analysis'
import { addWords, cut } from '../../server/services/search/segmenter'

const material = { name: '居民身份证', required: true, originalCount: 1 }
const valid = { materials: [material], visits: 1 }
const issues = (input: Record<string, unknown>) => {
  const parsed = guideFieldsSchema.safeParse({ ...valid, ...input })
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)
}

describe('the guide schema', () => {
  it('takes a minimal guide and fills in what is not stated as nothing', () => {
    const parsed = guideFieldsSchema.parse(valid)
    expect(parsed).toMatchObject({ conditions: [], steps: [], hallIds: [], legalTimeLimitDays: null, feeFree: null, onlineLevel: null })
    expect(parsed.materials[0]).toMatchObject({ form: 'PAPER', source: 'SELF', copyCount: 0, requiredWhen: null })
  })

  it('asks, field by field, for what makes a material or a guide usable', () => {
    expect(issues({ materials: [{ ...material, required: false }] })).toEqual(['materials.0.requiredWhen: 非必需的材料请写明在什么情形下需要'])
    expect(issues({ materials: [{ ...material, source: 'DEPARTMENT' }] })).toEqual(['materials.0.issuedBy: 部门出具的材料请写明出具部门'])
    expect(issues({ materials: [{ ...material, originalCount: 0 }] })).toEqual(['materials.0.originalCount: 请写明原件或复印件的份数'])
    expect(issues({ materials: [material, material] })).toEqual(['materials.1.name: 材料“居民身份证”重复'])
    expect(issues({ legalTimeLimitDays: 10, promisedTimeLimitDays: 15 })).toEqual(['promisedTimeLimitDays: 承诺时限不能长于法定时限'])
    expect(issues({ feeFree: false })).toEqual(['feeStandard: 收费的事项请写明收费标准', 'feeBasis: 收费的事项请写明收费依据'])
    expect(issues({ onlineLevel: 'FULLY_ONLINE', onlineUrl: 'https://www.sczwfw.gov.cn/' })).toEqual(['visits: 全程网办的事项到现场次数应为0'])
    expect(issues({ onlineLevel: 'PRE_CHECK' })).toEqual(['onlineUrl: 可网上办理的事项请填写办理网址'])
    expect(issues({ visits: undefined })).toEqual(['visits: 请填写到现场次数'])
  })

  it('refuses links a citizen must not be sent to, and phone numbers that are not numbers', () => {
    expect(issues({ onlineLevel: 'INFO_ONLY', onlineUrl: 'javascript:alert(1)' })).toEqual(['onlineUrl: 网址应以 http:// 或 https:// 开头，且不含空格'])
    expect(issues({ materials: [{ ...material, sampleUrl: 'file:///etc/passwd' }] })).toHaveLength(1)
    expect(issues({ consultPhone: '<b>0826</b>' })).toEqual(['consultPhone: 电话只能包含数字、连字符、括号和“转”'])
    expect(issues({ consultPhone: '0826-2345678转801、12345' })).toEqual([])
  })
})

describe('what a guide lacks', () => {
  it('names each fault the spot checks count', () => {
    expect(guideGaps(null)).toEqual(['NO_GUIDE'])
    expect(guideGaps({ materials: [], legalTimeLimitDays: null, promisedTimeLimitDays: null, feeFree: null, hallIds: [] })).toEqual(['NO_MATERIALS', 'NO_TIME_LIMIT', 'NO_FEE', 'NO_LOCATION'])
    expect(guideGaps({ materials: [{ name: '其他材料' }], legalTimeLimitDays: 20, promisedTimeLimitDays: null, feeFree: true, hallIds: [1] })).toEqual(['VAGUE_MATERIAL'])
    expect(guideGaps({ materials: [{ name: '居民身份证' }], legalTimeLimitDays: null, promisedTimeLimitDays: 0, feeFree: false, locations: [{}] })).toEqual([])
  })
})

describe('life events named by what citizens type', () => {
  const events = [
    { slug: 'kaiban-canyindian', title: '开办餐饮店', keywords: ['开饭店', '开餐馆', '开火锅店', '火锅店', '餐饮'] },
    { slug: 'xinshenger-chusheng', title: '新生儿出生', keywords: ['生孩子', '新生儿', '上户口'] },
    { slug: 'jiehun', title: '结婚', keywords: ['结婚', '结婚证'] },
  ]
  // What a small index would hold, standing in for the names and everyday names of the items.
  const known = ['开办餐饮店', '餐饮', '火锅', '新生儿', '出生', '户口', '上户口', '结婚', '结婚证', '护照']
  addWords(known)
  const context: QueryContext = { cut, fillers: new Set(BUILT_IN_FILLERS), englishTerms: new Set(), isKnown: (word) => known.some((k) => k.includes(word)) }
  const read = (q: string) => analyzeQuery(q, context)
  const first = (q: string) => matchLifeEvents(events, read(q))[0]?.slug ?? null

  it('finds the event from a keyword inside a longer query, or a query inside its title', () => {
    expect(first('开饭店')).toBe('kaiban-canyindian')
    expect(first('我想开一家火锅店')).toBe('kaiban-canyindian')
    expect(first('生孩子要办什么')).toBe('xinshenger-chusheng')
    expect(first('新生儿')).toBe('xinshenger-chusheng')
    expect(first('餐饮店')).toBe('kaiban-canyindian')
    // Read as search reads a query: traditional characters and punctuation.
    expect(first('開火鍋店？')).toBe('kaiban-canyindian')
  })

  it('prefers the longer match and ignores fragments too short to mean anything', () => {
    expect(lifeEventScore(read('补领结婚证'), events[2]!)).toBe(3)
    expect(first('餐')).toBeNull()
    expect(first('户口')).toBeNull()
    expect(first('护照')).toBeNull()
  })

  it('keeps slugs, keywords and steps in shape', () => {
    const event = { slug: 'kaiban-canyindian', title: '开办餐饮店', audience: 'ENTERPRISE', summary: '开饭店的全部手续', keywords: ['开饭店'], steps: [{ title: '营业执照', itemCodes: ['A-1'] }] }
    expect(lifeEventFieldsSchema.safeParse(event).success).toBe(true)
    expect(lifeEventFieldsSchema.safeParse({ ...event, slug: 'Kaiban Canyin' }).success).toBe(false)
    expect(lifeEventFieldsSchema.safeParse({ ...event, steps: [{ title: '营业执照', itemCodes: [] }] }).success).toBe(false)
    expect(lifeEventFieldsSchema.safeParse({ ...event, keywords: ['开饭店', '开饭店'] }).success).toBe(false)
  })
})
