// Which client address the login limits count: behind TRUST_PROXY=<n> proxies, the address the
// outermost trusted proxy saw (the n-th X-Forwarded-For entry from the right), never an entry a
// client wrote itself; an IPv6 client by its /64 network, which one subscriber holds whole.
import { describe, expect, it } from 'vitest'
import { clientAddress } from '../../server/utils/http'
import { addressKey } from '../../server/services/auth/throttle'
import { loadConfig } from '../../server/utils/config'

describe('the client address', () => {
  it('is the connection peer when no proxy is trusted, whatever X-Forwarded-For says', () => {
    expect(clientAddress('203.0.113.7', '10.0.0.5', 0)).toBe('10.0.0.5')
    expect(clientAddress(undefined, '::ffff:10.0.0.5', 0)).toBe('10.0.0.5')
    expect(clientAddress(undefined, undefined, 0)).toBe('unknown')
  })

  it('behind one proxy, is what that proxy appended, not what the client forged before it', () => {
    expect(clientAddress('203.0.113.7', '10.0.0.2', 1)).toBe('203.0.113.7')
    expect(clientAddress('1.2.3.4, 5.6.7.8, 203.0.113.7', '10.0.0.2', 1)).toBe('203.0.113.7')
    // Two X-Forwarded-For headers arrive joined by Node.
    expect(clientAddress('1.2.3.4, 203.0.113.7', '10.0.0.2', 1)).toBe('203.0.113.7')
  })

  it('behind n proxies, is the n-th entry from the right; with fewer entries, the leftmost', () => {
    expect(clientAddress('1.2.3.4, 203.0.113.7, 10.0.0.3', '10.0.0.2', 2)).toBe('203.0.113.7')
    expect(clientAddress('203.0.113.7', '10.0.0.2', 2)).toBe('203.0.113.7')
    expect(clientAddress('', '10.0.0.2', 2)).toBe('10.0.0.2')
  })

  it('drops ports, brackets and the IPv4-in-IPv6 prefix', () => {
    expect(clientAddress('203.0.113.7:5123', '10.0.0.2', 1)).toBe('203.0.113.7')
    expect(clientAddress('[2001:DB8::1]:443', '10.0.0.2', 1)).toBe('2001:db8::1')
    expect(clientAddress('::ffff:203.0.113.7', '10.0.0.2', 1)).toBe('203.0.113.7')
  })

  it('counts an IPv6 client by its /64 network and an IPv4 client by its address', () => {
    expect(addressKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64')
    expect(addressKey('2001:db8:1:2:bbbb:cccc:dddd:eeee')).toBe('2001:db8:1:2::/64')
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64')
    expect(addressKey('203.0.113.7')).toBe('203.0.113.7')
    expect(addressKey('unknown')).toBe('unknown')
  })
})

describe('TRUST_PROXY', () => {
  it('is a count of proxies; 1 and true mean one, unset none, and anything else stops the portal', () => {
    expect(loadConfig({}).trustProxy).toBe(0)
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1)
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(1)
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2)
    expect(loadConfig({ TRUST_PROXY: '0' }).trustProxy).toBe(0)
    expect(() => loadConfig({ TRUST_PROXY: 'yes' })).toThrow(/TRUST_PROXY/)
  })
})
