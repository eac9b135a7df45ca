import { describe, expect, it } from 'vitest'
import { capFilter } from '../../server/services/lists/departments-ref'

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
