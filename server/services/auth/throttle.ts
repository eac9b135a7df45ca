// Throttling of password guesses, on every endpoint that checks a password (login, password
// change), after OWASP's guidance: limits per account and address, per address and per account
// that slow an attacker down without ever locking the owner out, and that answer a name that does
// not exist exactly like one that does. Failures are counted in PostgreSQL (LoginThrottle), so
// that every portal process sees the same ones.
import { isIP } from 'node:net'
import type { Db, Prisma } from '../../utils/prisma'
import { CITY_TIME_ZONE } from '../../../shared/city-time'

type Tx = Prisma.TransactionClient

export const LOGIN_LIMITS = {
  /** the window each counter counts failures in, from its first failure */
  windowMs: 15 * 60_000,
  /** failures on one account from one address, since the last success there: that pair waits */
  perAccountAddress: 5,
  /** failures from one address, whatever the accounts: that address waits */
  perAddress: 20,
  /**
   * failures on one account from all addresses: the account is under attack, and only addresses
   * that have not failed on it may still try it — its owner's, unless the owner just mistyped
   */
  perAccount: 20,
}

/** The 16-bit groups of an IPv6 address, `::` and a trailing dotted IPv4 part expanded. */
function ipv6Groups(address: string): number[] {
  let text = address.toLowerCase()
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text)
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number) as [number, number, number, number]
    text = `${text.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`
  }
  const [head = '', tail] = text.split('::')
  const left = head ? head.split(':') : []
  const right = tail ? tail.split(':') : []
  const groups = tail === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right]
  return groups.map((g) => parseInt(g, 16))
}

/**
 * What one client is counted as: an IPv4 address as it is, an IPv6 address by its /64 network,
 * since one subscriber holds a whole /64 and could otherwise pick a fresh address per guess.
 */
export function addressKey(address: string): string {
  if (isIP(address) !== 6) return address
  return `${ipv6Groups(address).slice(0, 4).map((g) => g.toString(16)).join(':')}::/64`
}

/** What one attempt was counted under, to take back what a successful one should not leave. */
export interface AttemptKeys { account: string; address: string; pair: string }

export type AttemptStart = { ok: true; keys: AttemptKeys } | { ok: false; retryAt: Date }

/** The account counter only tells whether the account is under attack; it refuses nothing itself. */
const UNLIMITED = 2_147_483_647

/**
 * Counts one more under `key` unless it already holds `limit` in its window (a window that has
 * passed starts again): the count, or null when refused. One statement, so the check and the
 * count are one atomic step whichever process runs it, and concurrent requests wait for each
 * other only for that statement. The login limits count failures with it, the subscription form
 * its requests (server/services/follow/subscriptions.ts), each under keys of its own.
 */
export async function countInWindow(db: Db | Tx, key: string, limit: number, now: Date): Promise<number | null> {
  const expired = new Date(now.getTime() - LOGIN_LIMITS.windowMs)
  const rows = await db.$queryRaw<{ failures: number }[]>`
    INSERT INTO "LoginThrottle" (key, failures, "windowStart") VALUES (${key}, 1, ${now})
    ON CONFLICT (key) DO UPDATE SET
      failures = CASE WHEN "LoginThrottle"."windowStart" <= ${expired} THEN 1 ELSE "LoginThrottle".failures + 1 END,
      "windowStart" = CASE WHEN "LoginThrottle"."windowStart" <= ${expired} THEN ${now} ELSE "LoginThrottle"."windowStart" END
    WHERE "LoginThrottle"."windowStart" <= ${expired} OR "LoginThrottle".failures < ${limit}
    RETURNING failures`
  return rows[0]?.failures ?? null
}

/** Takes back the failures counted for an attempt that was refused or succeeded. */
async function uncount(db: Db | Tx, keys: string[]): Promise<void> {
  await db.loginThrottle.updateMany({ where: { key: { in: keys }, failures: { gt: 0 } }, data: { failures: { decrement: 1 } } })
}

/** When the windows of `keys` end: the earliest when any of them ending is enough, else the latest. */
export async function windowEnd(db: Db | Tx, keys: string[], earliest: boolean): Promise<Date> {
  const starts = (await db.loginThrottle.findMany({ where: { key: { in: keys } }, select: { windowStart: true } })).map((r) => r.windowStart.getTime() + LOGIN_LIMITS.windowMs)
  return new Date(earliest ? Math.min(...starts) : Math.max(...starts))
}

/**
 * Counts a password check of `username` (as typed) from `address` against the limits. When it may
 * go on, it counts as a failure until `attemptSucceeded` says otherwise, so that a burst spread
 * over several processes cannot pass before any of it is counted.
 */
export async function beginAttempt(db: Db, username: string, address: string, now = new Date()): Promise<AttemptStart> {
  const client = addressKey(address)
  const keys: AttemptKeys = { account: `account:${username}`, address: `address:${client}`, pair: `pair:${client} ${username}` }
  const refuse = async (counted: string[], limiting: string[], earliest = false): Promise<AttemptStart> => {
    await uncount(db, counted)
    return { ok: false, retryAt: await windowEnd(db, limiting, earliest) }
  }
  const byAccount = (await countInWindow(db, keys.account, UNLIMITED, now))!
  const byPair = await countInWindow(db, keys.pair, LOGIN_LIMITS.perAccountAddress, now)
  if (byPair === null) return refuse([keys.account], [keys.pair])
  // Under attack, an address that has failed on the account waits until either is over.
  if (byAccount > LOGIN_LIMITS.perAccount && byPair > 1) return refuse([keys.account, keys.pair], [keys.account, keys.pair], true)
  const byAddress = await countInWindow(db, keys.address, LOGIN_LIMITS.perAddress, now)
  if (byAddress === null) return refuse([keys.account, keys.pair], [keys.address])
  return { ok: true, keys }
}

/**
 * The password was right: this attempt was no failure, and the run of failures of the account at
 * this address ends with it. Counters whose window has passed are removed on the way.
 */
export async function attemptSucceeded(db: Db | Tx, keys: AttemptKeys, now = new Date()): Promise<void> {
  await db.loginThrottle.deleteMany({ where: { OR: [{ key: keys.pair }, { windowStart: { lte: new Date(now.getTime() - LOGIN_LIMITS.windowMs) } }] } })
  await uncount(db, [keys.account, keys.address])
}

const hhmm = new Intl.DateTimeFormat('zh-CN', { timeZone: CITY_TIME_ZONE, hour: '2-digit', minute: '2-digit', hour12: false })

/** The one message of a throttled attempt, whichever limit it met and whether the name exists. */
export function tooManyAttemptsMessage(retryAt: Date): string {
  return `尝试次数过多，请在 ${hhmm.format(retryAt)} 之后再试`
}
