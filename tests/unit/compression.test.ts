import { describe, expect, it } from 'vitest'
import { isCompressibleType, negotiateEncoding } from '../../server/utils/compression'

describe('negotiateEncoding', () => {
  it.each([
    ['gzip, deflate, br, zstd', 'br'],
    ['gzip, deflate', 'gzip'],
    ['br;q=0.5, gzip;q=0.8', 'gzip'],
    ['br;q=0, gzip', 'gzip'],
    ['*', 'br'],
    ['*;q=0, gzip', 'gzip'],
    ['identity', undefined],
    ['br;q=0, gzip;q=0', undefined],
    ['', undefined],
    [undefined, undefined],
    ['BR', 'br'],
  ])('%s → %s', (header, expected) => {
    expect(negotiateEncoding(header)).toBe(expected)
  })
})

describe('isCompressibleType', () => {
  it.each([
    ['text/html;charset=utf-8', true],
    ['application/json', true],
    ['text/csv; charset=utf-8', true],
    ['application/atom+xml', true],
    ['application/xml; charset=utf-8', true],
    ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', false],
    ['image/png', false],
    [undefined, false],
  ])('%s → %s', (type, expected) => {
    expect(isCompressibleType(type)).toBe(expected)
  })
})
