// Password hashing: argon2id with the library's defaults (19 MiB, 2 passes, OWASP's minimum),
// through @node-rs/argon2, whose native binary comes as an npm optional package.
import { randomInt } from 'node:crypto'
import { hash, verify } from '@node-rs/argon2'

/** argon2id; the hash string carries its own parameters, so they can be raised later. */
const ARGON2ID = 2

export function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: ARGON2ID })
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password)
  } catch {
    // A malformed stored hash is a refusal, never a crash of the login.
    return false
  }
}

let dummyHash: Promise<string> | undefined

/**
 * Spends the time of a real verification when there is no user to verify against, so that the
 * response time does not tell whether a username exists.
 */
export async function verifyNothing(password: string): Promise<false> {
  dummyHash ??= hashPassword('not-a-password-of-anyone')
  await verifyPassword(await dummyHash, password)
  return false
}

/** Letters and digits without the look-alikes (0/O, 1/l/I), grouped for reading aloud. */
const ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789'

/** A one-time password an administrator hands over: 15 characters, about 87 bits. */
export function temporaryPassword(): string {
  const chars = Array.from({ length: 15 }, () => ALPHABET[randomInt(ALPHABET.length)]!)
  return [chars.slice(0, 5), chars.slice(5, 10), chars.slice(10)].map((g) => g.join('')).join('-')
}
