import { readFileSync } from 'node:fs'
import { describe, it, expect } from 'vitest'
import { generateDemoContent, type DemoInput } from '../../prisma/seed/demo-content'
import { parseDemoTable, RECIPIENTS } from '../../prisma/seed/demo-tables'
import powerDutiesFile from '../../prisma/seed/demo/power-duties.json' with { type: 'json' }
import boundariesFile from '../../prisma/seed/demo/boundaries.json' with { type: 'json' }
import { itemTypeByCode } from '../../shared/item-types'

interface RawItem {
  department: string
  name: string
  itemCode: string
  typeCode: string
  deptCode: string
}

const raw = JSON.parse(
  readFileSync(new URL('../../data/guangan-items.json', import.meta.url), 'utf8'),
) as RawItem[]

/**
 * The real data as the importer sees it: one department per name (the source lists some
 * departments under several codes; the first code in sort order stands for the department).
 */
function realInput(): DemoInput {
  const codeOfName = new Map<string, string>()
  for (const r of raw) {
    const known = codeOfName.get(r.department)
    if (known === undefined || r.deptCode < known) codeOfName.set(r.department, r.deptCode)
  }
  return {
    departments: [...codeOfName].map(([name, code]) => ({ code, name })),
    items: raw.map((r) => {
      const type = itemTypeByCode(r.typeCode)?.type
      if (!type) throw new Error(`unknown type code ${r.typeCode}`)
      return { code: r.itemCode, name: r.name, type, departmentCode: codeOfName.get(r.department) ?? '' }
    }),
  }
}

/** '1250.00' → 125000 (hundredths of 万元) */
function hundredths(amount: string): number {
  expect(amount).toMatch(/^\d+\.\d{2}$/)
  const [whole, fraction] = amount.split('.')
  return Number(whole) * 100 + Number(fraction)
}

describe('generateDemoContent on the real data', () => {
  const input = realInput()
  const content = generateDemoContent(input)
  const departmentCodes = new Set(input.departments.map((d) => d.code))
  const itemCodes = new Set(input.items.map((i) => i.code))

  it('is deterministic and independent of input order', () => {
    expect(generateDemoContent(realInput())).toEqual(content)
    expect(JSON.stringify(generateDemoContent(realInput()))).toBe(JSON.stringify(content))
    const reversed: DemoInput = { departments: [...input.departments].reverse(), items: [...input.items].reverse() }
    expect(generateDemoContent(reversed)).toEqual(content)
  })

  it('gives every power item exactly one POWER_DUTY with 3-6 cases, and public services none', () => {
    const powerDuties = content.duties.filter((d) => d.kind === 'POWER_DUTY')
    const byItem = new Map<string, number>()
    for (const duty of powerDuties) {
      expect(duty.powerItemCode).not.toBeNull()
      byItem.set(duty.powerItemCode ?? '', (byItem.get(duty.powerItemCode ?? '') ?? 0) + 1)
      expect(duty.cases.length).toBeGreaterThanOrEqual(3)
      expect(duty.cases.length).toBeLessThanOrEqual(6)
      expect(duty.title.endsWith('责任事项')).toBe(true)
    }
    for (const item of input.items) {
      expect(byItem.get(item.code) ?? 0).toBe(item.type === 'PUBLIC_SERVICE' ? 0 : 1)
    }
  })

  it('uses the licensing stages for licensing items', () => {
    const item = input.items.find((i) => i.type === 'LICENSING')
    const duty = content.duties.find((d) => d.powerItemCode === item?.code)
    for (const stage of ['受理责任', '审查责任', '决定责任', '送达责任', '事后监管责任']) {
      expect(duty?.content).toContain(stage)
    }
    expect(duty?.content).toContain(item?.name)
    expect(duty?.cases.some((c) => c.basis?.includes('《中华人民共和国行政许可法》'))).toBe(true)
  })

  it('gives each department 3-6 department duties, and supervision only with licensing items', () => {
    for (const department of input.departments) {
      const own = content.duties.filter((d) => d.departmentCode === department.code)
      const departmentDuties = own.filter((d) => d.kind === 'DEPARTMENT_DUTY')
      expect(departmentDuties.length).toBeGreaterThanOrEqual(3)
      expect(departmentDuties.length).toBeLessThanOrEqual(6)
      const supervision = own.filter((d) => d.kind === 'SUPERVISION').length
      const licensing = input.items.filter((i) => i.departmentCode === department.code && i.type === 'LICENSING').length
      if (licensing === 0) expect(supervision).toBe(0)
      else expect(supervision).toBeGreaterThanOrEqual(1)
      expect(supervision).toBeLessThanOrEqual(3)
    }
  })

  it('has unique codes across the whole output', () => {
    const codes = [
      ...content.duties.map((d) => d.code),
      ...content.boundaries.map((b) => b.code),
      ...content.funds.map((f) => f.code),
    ]
    expect(new Set(codes).size).toBe(codes.length)
  })

  it('references only departments and items of the input', () => {
    for (const duty of content.duties) {
      expect(departmentCodes.has(duty.departmentCode)).toBe(true)
      if (duty.powerItemCode !== null) expect(itemCodes.has(duty.powerItemCode)).toBe(true)
      if (duty.kind !== 'POWER_DUTY') expect(duty.powerItemCode).toBeNull()
    }
    for (const boundary of content.boundaries) {
      for (const d of boundary.departments) expect(departmentCodes.has(d.departmentCode)).toBe(true)
    }
    for (const fund of content.funds) expect(departmentCodes.has(fund.departmentCode)).toBe(true)
  })

  it('has 12-20 boundaries of 2-3 distinct departments with exactly one lead', () => {
    expect(content.boundaries.length).toBeGreaterThanOrEqual(12)
    expect(content.boundaries.length).toBeLessThanOrEqual(20)
    for (const boundary of content.boundaries) {
      expect(boundary.departments.length).toBeGreaterThanOrEqual(2)
      expect(boundary.departments.length).toBeLessThanOrEqual(3)
      expect(new Set(boundary.departments.map((d) => d.departmentCode)).size).toBe(boundary.departments.length)
      expect(boundary.departments.filter((d) => d.isLead)).toHaveLength(1)
    }
  })

  it('gives a continuing fund one identity across its years: one entry a year, consecutive, one department and period or a recurring year', () => {
    const series = new Map<string, typeof content.funds>()
    for (const fund of content.funds) series.set(fund.seriesCode, [...(series.get(fund.seriesCode) ?? []), fund])
    const multiYear = [...series.values()].filter((s) => s.length > 1)
    expect(multiYear.length).toBeGreaterThanOrEqual(20)
    expect(multiYear.some((s) => s.length === 3)).toBe(true)
    for (const years of series.values()) {
      const sorted = years.map((f) => f.year).sort()
      expect(sorted).toEqual(sorted.map((_, i) => sorted[0]! + i))
      expect(new Set(years.map((f) => f.departmentCode)).size).toBe(1)
      for (const f of years) expect(f.code).toBe(`FUND-${f.year}-${f.seriesCode.slice('FUND-'.length)}`)
      // Either one period shared by every year, or an annual fund whose period is its year.
      const periods = new Set(years.map((f) => `${f.periodStart}-${f.periodEnd}`))
      expect(periods.size === 1 || years.every((f) => f.periodStart === f.year && f.periodEnd === f.year)).toBe(true)
    }
    // Sizes change from year to year, as budgets do.
    expect(multiYear.some((s) => new Set(s.map((f) => f.amount)).size > 1)).toBe(true)
  })

  it('gives funds amounts in range whose allocations sum exactly, dated in the fund year', () => {
    expect(content.funds.length).toBeGreaterThan(0)
    for (const fund of content.funds) {
      expect([2024, 2025, 2026]).toContain(fund.year)
      const total = hundredths(fund.amount)
      expect(total).toBeGreaterThanOrEqual(20 * 100)
      expect(total).toBeLessThanOrEqual(5000 * 100)
      expect(fund.allocations.length).toBeGreaterThanOrEqual(3)
      expect(fund.allocations.length).toBeLessThanOrEqual(12)
      expect(fund.periodStart).toBeLessThanOrEqual(fund.year)
      expect(fund.periodEnd).toBeGreaterThanOrEqual(fund.year)
      let sum = 0
      for (const allocation of fund.allocations) {
        const part = hundredths(allocation.amount)
        expect(part).toBeGreaterThan(0)
        sum += part
        expect(allocation.publishedOn).toMatch(new RegExp(`^${fund.year}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d)$`))
        if (fund.allocationMethod === 'FACTOR') expect(allocation.project).toBeNull()
        else expect(allocation.project).toBeTruthy()
      }
      expect(sum).toBe(total)
      expect(new Set(fund.allocations.map((a) => a.recipient)).size).toBe(fund.allocations.length)
    }
  })

  it('marks every invented company and cooperative 示例; other recipients are the district\'s townships and their institutions', () => {
    const recipients = content.funds.flatMap((f) => f.allocations.map((a) => a.recipient))
    const invented = recipients.filter((r) => !RECIPIENTS.townships.some((t) => r.startsWith(t.name)))
    expect(invented.length).toBeGreaterThan(0)
    for (const recipient of invented) expect(recipient).toMatch(/（示例）$/)
  })
})

describe('generateDemoContent on edge cases', () => {
  it('generates department duties once for departments sharing a name, and skips boundaries with missing parties', () => {
    const content = generateDemoContent({
      departments: [
        { code: 'B', name: '区人社局' },
        { code: 'A', name: '区人社局' },
        { code: 'C', name: '区档案馆' },
      ],
      items: [
        { code: 'I1', name: '劳务派遣经营许可', type: 'LICENSING', departmentCode: 'B' },
        { code: 'I2', name: '职工退休申请', type: 'PUBLIC_SERVICE', departmentCode: 'A' },
        { code: 'I3', name: '档案查阅', type: 'OTHER_POWER', departmentCode: 'C' },
      ],
    })
    const departmentDuties = content.duties.filter((d) => d.kind === 'DEPARTMENT_DUTY')
    expect(new Set(departmentDuties.map((d) => d.departmentCode))).toEqual(new Set(['A', 'C']))
    // The generic fallback for an unknown department still gives 3-6 duties.
    expect(departmentDuties.filter((d) => d.departmentCode === 'C').length).toBeGreaterThanOrEqual(3)
    // The licensing item of code B counts for the department's supervision, filed under code A.
    expect(content.duties.filter((d) => d.kind === 'SUPERVISION').map((d) => d.departmentCode)).toEqual(['A'])
    expect(content.duties.find((d) => d.powerItemCode === 'I1')?.departmentCode).toBe('B')
    expect(content.boundaries).toEqual([])
  })

  it('writes department and item names as they are, even with braces or $& in them', () => {
    const content = generateDemoContent({
      departments: [{ code: 'A', name: '区行政审批局{count}' }],
      items: [{ code: 'I1', name: '摊贩$&{dept}登记许可', type: 'LICENSING', departmentCode: 'A' }],
    })
    const supervision = content.duties.find((d) => d.kind === 'SUPERVISION')
    expect(supervision?.content).toContain('区行政审批局{count}作出“摊贩$&{dept}登记许可”等1项行政许可决定后')
    expect(content.duties.find((d) => d.powerItemCode === 'I1')?.content).toContain('1.受理责任：公示办理“摊贩$&{dept}登记许可”的依据')
  })
})

describe('the demo tables (prisma/seed/demo/*.json)', () => {
  it('refuse a placeholder the generator does not fill, naming the file and the place', () => {
    const broken = structuredClone(powerDutiesFile)
    broken.types.LICENSING.stages[0]!.text = '公示办理{itme}的依据'
    expect(() => parseDemoTable('power-duties.json', broken)).toThrow(/power-duties\.json[\s\S]*types\.LICENSING\.stages\.0\.text: \{itme\} is not filled in here/)
  })

  it('refuse a table that lacks the stages of a power type or misspells a key', () => {
    const { FILING: _, ...withoutFilings } = powerDutiesFile.types
    expect(() => parseDemoTable('power-duties.json', { ...powerDutiesFile, types: withoutFilings })).toThrow(/types\.FILING/)
    expect(() => parseDemoTable('power-duties.json', { ...powerDutiesFile, fallbackBasic: '' })).toThrow(/fallbackBasic/)
  })

  it('refuse a boundary whose text names a department that is not one of its parties', () => {
    const broken = structuredClone(boundariesFile)
    broken.boundaries[0]!.content += '{police}负责治安。'
    expect(() => parseDemoTable('boundaries.json', broken)).toThrow(/boundaries\.0\.content: \{police\} is not one of the parties/)
  })
})
