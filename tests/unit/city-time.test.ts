import { describe, expect, it } from 'vitest'
import { cityToday, endOfCityDay, startOfCityDay } from '../../shared/city-time'

describe('the city calendar (UTC+8)', () => {
  it('knows the city is already on the next day from 16:00 UTC', () => {
    expect(cityToday(new Date('2026-11-25T15:59:59Z'))).toBe('2026-11-25')
    expect(cityToday(new Date('2026-11-25T16:00:00Z'))).toBe('2026-11-26')
  })

  it('spans a city date from its midnight to the millisecond before the next', () => {
    expect(startOfCityDay('2026-03-01').toISOString()).toBe('2026-02-28T16:00:00.000Z')
    expect(endOfCityDay('2026-03-01').toISOString()).toBe('2026-03-01T15:59:59.999Z')
  })
})
