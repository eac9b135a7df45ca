import { describe, expect, it } from 'vitest'
import { canonicalJson, entryHash, GENESIS_HASH, type HashedContent } from '../../server/services/audit'

const entry: HashedContent = {
  seq: 1n, at: new Date('2026-03-01T08:00:00.000Z'), actorId: 7, actorName: '张三', role: 'EDITOR', departmentId: 3,
  action: 'item.update', entityType: 'POWER_ITEM', entityId: '12', before: { name: 'a', fees: null }, after: { name: 'b' },
  reason: '更正名称', documentNo: null, requestId: 'r1', prevHash: GENESIS_HASH,
}

describe('audit hashing', () => {
  it('does not depend on key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { f: 2, e: 3 }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"e":3,"f":2}]},"b":1}')
  })

  it('changes with any field and with the previous hash', () => {
    const hash = entryHash(entry)
    expect(hash).toMatch(/^[0-9a-f]{64}$/)
    expect(entryHash({ ...entry })).toBe(hash)
    expect(entryHash({ ...entry, after: { name: 'c' } })).not.toBe(hash)
    expect(entryHash({ ...entry, actorName: '李四' })).not.toBe(hash)
    expect(entryHash({ ...entry, prevHash: 'f'.repeat(64) })).not.toBe(hash)
  })
})
