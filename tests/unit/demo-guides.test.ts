// The demo guides, halls and life events composed from prisma/seed/demo/ for the real items:
// valid, shaped by what each item is, deterministic, and refused loudly when a table is broken.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { generateDemoGuides, type DemoGuideInput } from '../../prisma/seed/demo-guides'
import { GUIDE_TABLES, parseGuideTable } from '../../prisma/seed/guide-tables'
import { departmentCode, parseSourceFile } from '../../prisma/seed/source-file'
import { guideFieldsSchema, guideGaps } from '../../shared/guides'
import { lifeEventFieldsSchema } from '../../shared/life-events'

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8')

function realInput(): DemoGuideInput {
  const source = parseSourceFile(read('data/guangan-items.json'))
  const codes = new Map<string, string[]>()
  for (const r of source.records) codes.set(r.department, [...(codes.get(r.department) ?? []), r.deptCode])
  const code = new Map([...codes].map(([name, list]) => [name, departmentCode(list)]))
  return {
    departments: [...code].map(([name, c]) => ({ name, code: c })),
    items: source.records.map((r) => ({ code: r.itemCode, name: r.name, type: r.typeKey, departmentCode: code.get(r.department)!, sourceUrl: r.sourceUrl ?? null })),
  }
}

const input = realInput()
const content = generateDemoGuides(input)
const byName = (name: string) => {
  const item = input.items.find((i) => i.name === name)!
  return content.guides.find((g) => g.itemCode === item.code)!
}
const materialNames = (name: string) => byName(name).fields.materials.map((m) => m.name)

describe('the demo guides of the real items', () => {
  it('gives every item a complete, valid guide with a place among its department\'s halls', () => {
    expect(content.guides).toHaveLength(1135)
    const halls = new Map(content.halls.map((h) => [h.key, h]))
    for (const guide of content.guides) {
      const item = input.items.find((i) => i.code === guide.itemCode)!
      expect(guideFieldsSchema.safeParse({ ...guide.fields, hallIds: [1] }).success, item.name).toBe(true)
      expect(guide.hallKeys.length, item.name).toBe(1)
      expect(halls.get(guide.hallKeys[0]!)!.departmentCode).toBe(item.departmentCode)
      expect(guideGaps({ ...guide.fields, hallIds: guide.hallKeys }), item.name).toEqual([])
    }
  })

  it('shapes the materials by what the item is', () => {
    expect(materialNames('普通护照签发')).toEqual(expect.arrayContaining(['居民身份证', '居民户口簿']))
    expect(materialNames('食品(含保健食品)经营许可核发')).toEqual(expect.arrayContaining(['经营场所平面布局图及设备布局图', '从业人员健康证明']))
    expect(materialNames('中国内地公民婚姻登记')).toEqual(expect.arrayContaining(['双方居民身份证', '双方近期2寸半身免冠合影照片']))
    expect(materialNames('户口登记')).toContain('出生医学证明')
    // Marriage must be done in person: no letter of authority.
    expect(materialNames('中国内地公民婚姻登记').some((m) => m.includes('委托'))).toBe(false)
    // A company applies with its licence, shared by the government, not with a citizen's card.
    const company = byName('公众聚集场所投入使用、营业前消防安全检查').fields.materials
    expect(company.find((m) => m.name === '营业执照')).toMatchObject({ source: 'SHARED' })
    // Cancelling a permit asks for the permit; a lost one for a statement of the loss.
    expect(materialNames('食品(含保健食品)经营许可注销')).toContain('注销（终止）申请书')
    expect(materialNames('食品(含保健食品)经营许可补办')).toContain('证件遗失或损毁的书面说明')
  })

  it('differs between licences and public services, and states a fee only where one is charged', () => {
    const licences = content.guides.filter((g) => input.items.find((i) => i.code === g.itemCode)!.type === 'LICENSING')
    const services = content.guides.filter((g) => input.items.find((i) => i.code === g.itemCode)!.type === 'PUBLIC_SERVICE')
    expect(licences.every((g) => g.fields.steps.some((s) => s.title === '决定'))).toBe(true)
    expect(services.some((g) => g.fields.legalTimeLimitDays === null)).toBe(true)
    expect(byName('普通护照签发').fields).toMatchObject({ feeFree: false, feeStandard: '120元/本', legalTimeLimitDays: 15 })
    expect(byName('犬类准养证核发').fields.feeFree).toBe(true)
    // Fully online means no visit; an online address is the item's page on the provincial network.
    for (const g of content.guides.filter((x) => x.fields.onlineLevel === 'FULLY_ONLINE')) expect(g.fields.visits).toBe(0)
    expect(byName('普通护照签发').fields.onlineUrl).toMatch(/^http:\/\/www\.sczwfw\.gov\.cn\//)
  })

  it('gives every department halls whose phone numbers no one can dial', () => {
    expect(new Set(content.halls.map((h) => h.departmentCode))).toEqual(new Set(input.departments.map((d) => d.code)))
    for (const hall of content.halls) expect(hall.phone).toMatch(/^0826-00\d{5}$/)
    expect(content.halls.filter((h) => h.name.includes('出入境'))).toHaveLength(1)
    expect(byName('普通护照签发').hallKeys[0]).toBe(content.halls.find((h) => h.name.includes('出入境'))!.key)
  })

  it('builds the life events from real items, in order', () => {
    expect(content.lifeEvents.map((e) => e.slug)).toEqual(expect.arrayContaining(['xinshenger-chusheng', 'kaiban-canyindian', 'kaiban-qiye', 'tuixiu', 'jiehun', 'nongcun-zijianfang', 'shiye', 'canjiren-banzheng', 'yangquan']))
    for (const event of content.lifeEvents) expect(lifeEventFieldsSchema.safeParse(event).success, event.slug).toBe(true)
    const codes = new Set(input.items.map((i) => i.code))
    expect(content.lifeEvents.every((e) => e.steps.every((s) => s.itemCodes.every((c) => codes.has(c))))).toBe(true)
  })

  it('is the same on every run, whatever the order of the input', () => {
    const reversed = generateDemoGuides({ ...input, departments: [...input.departments].reverse(), items: [...input.items].reverse() })
    expect(JSON.stringify(reversed)).toBe(JSON.stringify(content))
  })

  it('leaves out a life event step whose items are not in the file', () => {
    const without = generateDemoGuides({ ...input, items: input.items.filter((i) => i.name !== '犬类准养证核发') })
    expect(without.lifeEvents.map((e) => e.slug)).not.toContain('yangquan')
  })

  it('refuses a broken table with the table and the path at fault', () => {
    const table = (file: string) => JSON.parse(read(`prisma/seed/demo/${file}`))
    const rules = table('guide-rules.json')
    rules.topics[0].materials = ['noSuchMaterial']
    expect(() => parseGuideTable('guide-rules.json', rules)).toThrow(/prisma\/seed\/demo\/guide-rules\.json is malformed:\n {2}- topics\.0\.materials\.0: unknown material "noSuchMaterial"/)
    const halls = table('service-halls.json')
    delete halls.center.hours
    expect(() => parseGuideTable('service-halls.json', halls)).toThrow(/service-halls\.json is malformed:\n {2}- center\.hours: /)
    const events = table('life-events.json')
    events.events[0].audience = 'EVERYONE'
    expect(() => parseGuideTable('life-events.json', events)).toThrow(/life-events\.json is malformed:\n {2}- events\.0\.audience: /)
  })

  it('refuses a table that would give an item an invalid guide, naming the item', () => {
    const rules = structuredClone(GUIDE_TABLES.rules)
    rules.types.LICENSING!.promisedDays = [-1]
    expect(() => generateDemoGuides(input, { ...GUIDE_TABLES, rules })).toThrow(/guide-rules\.json gives \S+ \(.+\) an invalid guide: promisedTimeLimitDays: /)
  })
})
