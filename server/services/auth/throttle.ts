// Throttling of password guesses, on every endpoint that checks a password (login, password
// change), after OWASP's guidance: limits per account and address, per address and per account
// that slow an attacker down without ever locking the owner out, and that answer a name that does
// not exist exactly like one that does. Attempts are counted in PostgreSQL (LoginAttempt), so
// that every portal process sees the same ones.
import { isIP } from 'node:net'
import type { Db, Prisma } from '../../utils/prisma'
import { CITY_TIME_ZONE } from '../../../shared/city-time'

type Tx = Prisma.TransactionClient

export const LOGIN_LIMITS = {
  /** the sliding window every limit counts failures in */
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

/** Attempts are only needed for the window; a day is kept for whoever investigates. */
const RETENTION_MS = 24 * 60 * 60_000

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

export type AttemptStart = { ok: true; id: bigint } | { ok: false; retryAt: Date }

const until = (failures: { at: Date }[], limit: number) => (failures.length >= limit ? new Date(failures[limit - 1]!.at.getTime() + LOGIN_LIMITS.windowMs) : null)

/** When the attempts of `username` from `address` may go on, or null when they may now. */
async function throttledUntil(tx: Tx, username: string, address: string, since: Date): Promise<Date | null> {
  const failures = (where: Prisma.LoginAttemptWhereInput, take: number) =>
    tx.loginAttempt.findMany({ where: { ...where, success: false, at: { gt: since } }, orderBy: { at: 'desc' }, take, select: { at: true } })
  const lastSuccess = await tx.loginAttempt.findFirst({ where: { username, address, success: true, at: { gt: since } }, orderBy: { at: 'desc' }, select: { at: true } })
  const byAddress = await failures({ address }, LOGIN_LIMITS.perAddress)
  const byPair = await failures({ username, address, at: { gt: lastSuccess?.at ?? since } }, LOGIN_LIMITS.perAccountAddress)
  const byAccount = await failures({ username }, LOGIN_LIMITS.perAccount)
  const underAttack = until(byAccount, LOGIN_LIMITS.perAccount)
  const refusals = [
    until(byAddress, LOGIN_LIMITS.perAddress),
    until(byPair, LOGIN_LIMITS.perAccountAddress),
    // An address that failed on an account under attack waits until either is over.
    underAttack && byPair.length ? new Date(Math.min(underAttack.getTime(), byPair[0]!.at.getTime() + LOGIN_LIMITS.windowMs)) : null,
  ].filter((d): d is Date => d !== null)
  return refusals.length ? new Date(Math.max(...refusals.map((d) => d.getTime()))) : null
}

/**
 * Counts a password check of `username` from `address` against the limits and, when it may go
 * on, records it as a failure until `attemptSucceeded` says otherwise. Counting and recording
 * happen under locks of the address and of the account (always in that order), so a burst spread
 * over several processes cannot all pass the count before any of them is recorded.
 */
export async function beginAttempt(db: Db, username: string, address: string, now = new Date()): Promise<AttemptStart> {
  const key = addressKey(address)
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`login address ${key}`}))`
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`login account ${username}`}))`
    const retryAt = await throttledUntil(tx, username, key, new Date(now.getTime() - LOGIN_LIMITS.windowMs))
    if (retryAt) return { ok: false, retryAt }
    await tx.loginAttempt.deleteMany({ where: { at: { lt: new Date(now.getTime() - RETENTION_MS) } } })
    const attempt = await tx.loginAttempt.create({ data: { username, address: key, success: false, at: now }, select: { id: true } })
    return { ok: true, id: attempt.id }
  })
}

/** The password was right: the attempt no longer counts, and ends the run of failures before it. */
export async function attemptSucceeded(db: Db | Tx, id: bigint): Promise<void> {
  await db.loginAttempt.update({ where: { id }, data: { success: true } })
}

const hhmm = new Intl.DateTimeFormat('zh-CN', { timeZone: CITY_TIME_ZONE, hour: '2-digit', minute: '2-digit', hour12: false })

/** The one message of a throttled attempt, whichever limit it met and whether the name exists. */
export function tooManyAttemptsMessage(retryAt: Date): string {
  return `尝试次数过多，请在 ${hhmm.format(retryAt)} 之后再试`
}
