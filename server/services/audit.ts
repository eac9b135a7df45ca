// The append-only audit log. Each entry's hash covers its own canonical content and the
// previous entry's hash, so editing, removing, reordering or forging an old entry breaks the
// chain. Entries are written inside the transaction of the change they record. A chain is
// self-consistent, so an entry appended at its end by someone with write access to the database
// cannot be told from a real one; with AUDIT_HMAC_KEY set, each entry also carries an HMAC of its
// hash under a key the database does not hold, and such an entry has none that fits.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto'
import { loadConfig } from '../utils/config'
import type { Db, Prisma } from '../utils/prisma'
import { endOfCityDay, startOfCityDay } from '../../shared/city-time'
import { asRecord, canonicalJson, diffSnapshots } from '../../shared/diff'
import type { AuditEntryContent, AuditEntryView, AuditPage, ChainVerification } from '../../shared/audit'
import type { RoleName } from '../../shared/auth'

export { canonicalJson }

type Tx = Prisma.TransactionClient

export const GENESIS_HASH = '0'.repeat(64)

/** Arbitrary, fixed key of the advisory lock that serialises appends, so the chain never forks. */
const CHAIN_LOCK = 8_675_309

/** Who an entry names: the signed-in Actor of the guard (server/services/auth/policy.ts), a user row, or the system. */
export interface AuditActor {
  id: number | null
  username: string
  role: RoleName | null
  departmentId: number | null
}

export const SYSTEM_ACTOR: AuditActor = { id: null, username: 'system', role: null, departmentId: null }

export interface AuditInput {
  action: string
  entityType?: Prisma.AuditEntryCreateInput['entityType']
  entityId?: string | number | null
  before?: unknown
  after?: unknown
  reason?: string | null
  documentNo?: string | null
  requestId?: string
}

export interface HashedContent extends AuditEntryContent {
  seq: bigint
  at: Date
}

export function entryHash(content: HashedContent): string {
  return createHash('sha256').update(canonicalJson(content)).digest('hex')
}

/** The key entries are signed with: the process's AUDIT_HMAC_KEY, read on first use, or the one a test sets. */
let signing: { key: string | null; fromSeq: bigint } | undefined

function signingKey(): NonNullable<typeof signing> {
  if (!signing) {
    const config = loadConfig()
    signing = { key: config.auditHmacKey ?? null, fromSeq: config.auditHmacFromSeq ?? BigInt(1) }
  }
  return signing
}

export function setAuditSigningKey(key: string | null | undefined, fromSeq?: bigint): void {
  signing = { key: key || null, fromSeq: fromSeq ?? BigInt(1) }
}

export function entryHmac(hash: string, key: string): string {
  return createHmac('sha256', key).update(hash).digest('hex')
}

function hmacFits(hash: string, hmac: string | null, key: string): boolean {
  if (!hmac || !/^[0-9a-f]{64}$/.test(hmac)) return false
  return timingSafeEqual(Buffer.from(entryHmac(hash, key), 'hex'), Buffer.from(hmac, 'hex'))
}

/** Plain JSON for the before/after columns (dates as ISO strings, decimals as strings). */
export function toJsonValue(value: unknown): Prisma.InputJsonValue | undefined {
  if (value === undefined || value === null) return undefined
  return JSON.parse(JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? v.toString() : v))) as Prisma.InputJsonValue
}

export async function appendAudit(tx: Tx, actor: AuditActor, input: AuditInput): Promise<void> {
  await appendAudits(tx, actor, [input])
}

/**
 * Entries in the given order, chained as one appendAudit after another would chain them, with
 * the chain lock taken and the last entry read once and one insert: an import of 2,000 drafts
 * writes its entries in one statement instead of 6,000.
 */
export async function appendAudits(tx: Tx, actor: AuditActor, inputs: AuditInput[]): Promise<void> {
  if (!inputs.length) return
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${CHAIN_LOCK})`
  const last = await tx.auditEntry.findFirst({ orderBy: { seq: 'desc' }, select: { seq: true, hash: true } })
  // BigInt() rather than 1n literals: the server bundle targets ES2019, which has none.
  let seq = last?.seq ?? BigInt(0)
  let prevHash = last?.hash ?? GENESIS_HASH
  const { key } = signingKey()
  const rows = inputs.map((input) => {
    seq += BigInt(1)
    const before = toJsonValue(input.before)
    const after = toJsonValue(input.after)
    const content: HashedContent = {
      seq,
      // Millisecond precision survives the round trip through timestamp(3), so verification sees the same value.
      at: new Date(),
      actorId: actor.id,
      actorName: actor.username,
      role: actor.role,
      departmentId: actor.departmentId,
      action: input.action,
      entityType: input.entityType ?? null,
      entityId: input.entityId === undefined || input.entityId === null ? null : String(input.entityId),
      before: before ?? null,
      after: after ?? null,
      reason: input.reason ?? null,
      documentNo: input.documentNo ?? null,
      requestId: input.requestId ?? null,
      prevHash,
    }
    prevHash = entryHash(content)
    return { ...content, role: actor.role, entityType: input.entityType ?? null, before, after, hash: prevHash, hmac: key ? entryHmac(prevHash, key) : null }
  })
  await tx.auditEntry.createMany({ data: rows })
}

export interface VerifyOptions {
  /** check each entry's HMAC under this key (default: the process's AUDIT_HMAC_KEY) */
  hmacKey?: string | null
  /** the first entry written with the key, when it was set on an existing log (AUDIT_HMAC_FROM_SEQ) */
  hmacFromSeq?: bigint
}

/** Recomputes the chain from the first entry; names the first entry that does not fit. */
export async function verifyAuditChain(db: Db, options: VerifyOptions = {}): Promise<ChainVerification> {
  const key = options.hmacKey === undefined ? signingKey().key : options.hmacKey
  const signedFrom = options.hmacFromSeq ?? signingKey().fromSeq
  let prevHash = GENESIS_HASH
  let expectedSeq = BigInt(1)
  let entries = 0
  let cursor: bigint | undefined
  for (;;) {
    const rows = await db.auditEntry.findMany({ orderBy: { seq: 'asc' }, take: 1000, ...(cursor ? { cursor: { seq: cursor }, skip: 1 } : {}) })
    if (!rows.length) return { ok: true, entries }
    for (const row of rows) {
      const seq = row.seq.toString()
      if (row.seq !== expectedSeq) return { ok: false, entries, firstBad: { seq, problem: row.seq > expectedSeq ? `entry ${expectedSeq} is missing` : 'out of order' } }
      if (row.prevHash !== prevHash) return { ok: false, entries, firstBad: { seq, problem: 'does not follow the previous entry (removed, reordered or inserted entry)' } }
      const { hash, hmac, ...content } = row
      if (entryHash({ ...content, role: row.role, entityType: row.entityType }) !== hash) {
        return { ok: false, entries, firstBad: { seq, problem: 'content does not match its hash (edited entry)' } }
      }
      if (key && row.seq >= signedFrom && !hmacFits(hash, hmac, key)) {
        return { ok: false, entries, firstBad: { seq, problem: 'no valid HMAC (entry written without the audit key: forged)' } }
      }
      prevHash = hash
      expectedSeq += BigInt(1)
      entries += 1
    }
    cursor = rows[rows.length - 1]!.seq
  }
}

export interface AuditFilter {
  departmentId?: number
  actor?: string
  action?: string
  entityType?: string
  entityId?: string
  from?: string
  to?: string
}

function auditWhere(filter: AuditFilter): Prisma.AuditEntryWhereInput {
  return {
    ...(filter.departmentId ? { departmentId: filter.departmentId } : {}),
    ...(filter.actor ? { actorName: { contains: filter.actor } } : {}),
    ...(filter.action ? { action: { startsWith: filter.action } } : {}),
    ...(filter.entityType ? { entityType: filter.entityType as Prisma.AuditEntryWhereInput['entityType'] } : {}),
    ...(filter.entityId ? { entityId: filter.entityId } : {}),
    ...(filter.from || filter.to ? { at: { ...(filter.from ? { gte: startOfCityDay(filter.from) } : {}), ...(filter.to ? { lte: endOfCityDay(filter.to) } : {}) } } : {}),
  }
}

type AuditRow = Prisma.AuditEntryGetPayload<object>

/** An entry as the API gives it, with what changed between its before and after. */
function toView(row: AuditRow): AuditEntryView {
  const before = asRecord(row.before)
  const after = asRecord(row.after)
  return {
    ...row,
    seq: row.seq.toString(),
    at: row.at.toISOString(),
    changes: before || after ? diffSnapshots(before ?? {}, after ?? {}) : [],
  }
}

/** The auditor's view of the log: filtered, newest first, a page at a time. */
export async function queryAudit(db: Db, filter: AuditFilter, page: number, pageSize: number): Promise<AuditPage> {
  const where = auditWhere(filter)
  const [total, rows] = await Promise.all([
    db.auditEntry.count({ where }),
    db.auditEntry.findMany({ where, orderBy: { seq: 'desc' }, skip: (page - 1) * pageSize, take: pageSize }),
  ])
  return { total, page, pageSize, pageCount: Math.max(1, Math.ceil(total / pageSize)), items: rows.map(toView) }
}

/** Every entry the filter selects, newest first as the pages show them, read a batch at a time. */
export async function* auditEntries(db: Db, filter: AuditFilter): AsyncGenerator<AuditEntryView> {
  const where = auditWhere(filter)
  let cursor: bigint | undefined
  for (;;) {
    const rows = await db.auditEntry.findMany({ where, orderBy: { seq: 'desc' }, take: 1000, ...(cursor ? { cursor: { seq: cursor }, skip: 1 } : {}) })
    for (const row of rows) yield toView(row)
    if (rows.length < 1000) return
    cursor = rows[rows.length - 1]!.seq
  }
}

export function countAudit(db: Db, filter: AuditFilter): Promise<number> {
  return db.auditEntry.count({ where: auditWhere(filter) })
}
