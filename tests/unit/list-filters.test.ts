import { describe, expect, it } from 'vitest'
import { capFilter } from '../../server/services/lists/departments-ref'
import { slicePage } from '../../shared/lists'

const departments = (n: number) => Array.from({ length: n }, (_, i) => ({ value: String(i + 1), label: `部门${i + 1}`, count: (i * 37) % 101 + 1 }))

describe('the department filter of a list page', () => {
  it('offers every department of a district as it is', () => {
    const all = departments(34)
    expect(capFilter(all, [], 60)).toEqual(all)
  })

  it('offers a city the departments with the most records, in their usual order, and keeps a chosen one', () => {
    const all = departments(3000)
    const fewest = [...all].sort((a, b) => a.count - b.count)[0]!
    const offered = capFilter(all, [fewest.value], 60)
    expect(offered).toHaveLength(61)
    expect(offered).toContainEqual(fewest)
    const smallestOffered = Math.min(...offered.filter((v) => v !== fewest).map((v) => v.count))
    expect(all.filter((v) => v.count > smallestOffered).every((v) => offered.includes(v))).toBe(true)
    expect(offered.map((v) => Number(v.value))).toEqual([...offered.map((v) => Number(v.value))].sort((a, b) => a - b))
  })
})

describe('the department directory', () => {
  const departments = Array.from({ length: 3201 }, (_, i) => `部门${i + 1}`)

  it('shows a city in pages, the last one partly filled', () => {
    const first = slicePage(departments, 1, 60)
    expect(first).toMatchObject({ total: 3201, page: 1, pageCount: 54 })
    expect(first.items).toEqual(departments.slice(0, 60))
    expect(slicePage(departments, 54, 60).items).toEqual(departments.slice(3180))
  })

  it('shows a district on one page, and the last page for a page past the end or a nonsense page', () => {
    expect(slicePage(departments.slice(0, 34), 1, 60)).toMatchObject({ page: 1, pageCount: 1, items: departments.slice(0, 34) })
    expect(slicePage(departments, 999, 60).page).toBe(54)
    expect(slicePage(departments, Number.NaN, 60).page).toBe(1)
    expect(slicePage([], 1, 60)).toMatchObject({ items: [], pageCount: 1, page: 1 })
  })
})
