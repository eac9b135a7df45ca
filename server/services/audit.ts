// The append-only audit log. Each entry's hash covers its own canonical content and the
// previous entry's hash, so editing, removing, reordering or forging an old entry breaks the
// chain. Entries are written inside the transaction of the change they record. A chain is
// self-consistent, so an entry appended at its end by someone with write access to the database
// cannot be told from a real one; with AUDIT_HMAC_KEY set, each entry also carries an HMAC of its
// hash under a key the database does not hold, and such an entry has none that fits.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto'
import { appConfig } from '../utils/config'
import type { Db, Prisma } from '../utils/prisma'
import { insertRows, type ColumnType } from '../utils/bulk-insert'
import { endOfCityDay, startOfCityDay } from '../../shared/city-time'
import { asRecord, canonicalJson, diffSnapshots } from '../../shared/diff'
import type { AuditEntryContent, AuditEntryView, AuditPage, AuditRecordView, ChainVerification, RecordStoryEntry } from '../../shared/audit'
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

/** A record an entry affects (AuditEntryRecord); a proposed record not yet published has no id, only its code. */
export type AuditRecordRef = AuditRecordView

export interface AuditInput {
  action: string
  entityType?: Prisma.AuditEntryCreateInput['entityType']
  entityId?: string | number | null
  before?: unknown
  after?: unknown
  reason?: string | null
  documentNo?: string | null
  requestId?: string
  /** the records the entry affects, so that filtering by record finds it */
  records?: AuditRecordRef[]
}

export interface HashedContent extends AuditEntryContent {
  seq: bigint
  at: Date
  /** left out when empty, so entries written before records existed keep their hash */
  records?: AuditRecordRef[]
}

export function entryHash(content: HashedContent): string {
  return createHash('sha256').update(canonicalJson(content)).digest('hex')
}

/** The key entries are signed with: the process's AUDIT_HMAC_KEY, read on first use, or the one a test sets. */
let signing: { key: string | null; fromSeq: bigint } | undefined

function signingKey(): NonNullable<typeof signing> {
  if (!signing) {
    const config = appConfig()
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
  const named: (AuditRecordRef & { seq: bigint })[] = []
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
    const records = sortedRecords(input.records ?? [])
    if (records.length) content.records = records
    for (const r of records) named.push({ ...r, seq })
    prevHash = entryHash(content)
    const { records: _records, ...columns } = content
    return { ...columns, role: actor.role, entityType: input.entityType ?? null, before, after, hash: prevHash, hmac: key ? entryHmac(prevHash, key) : null }
  })
  await tx.auditEntry.createMany({ data: rows })
  // An import names every record it adds (a city's: hundreds of thousands).
  if (named.length) await insertRows(tx, 'AuditEntryRecord', RECORD_COLUMNS, named)
}

const RECORD_COLUMNS: Record<string, ColumnType> = { seq: 'bigint', entityType: '"EntityType"', entityId: 'integer', code: 'text', name: 'text' }

/** One entry per record, in a fixed order, so the hash does not depend on the order they were named in. */
function sortedRecords(records: AuditRecordRef[]): AuditRecordRef[] {
  const key = (r: AuditRecordRef) => `${r.entityType}\u0000${r.code}\u0000${r.entityId ?? ''}`
  const unique = new Map(records.map((r) => [key(r), { entityType: r.entityType, entityId: r.entityId, code: r.code, name: r.name }]))
  return [...unique.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, r]) => r)
}

const hashedRecords = { where: { derived: false }, select: { entityType: true, entityId: true, code: true, name: true } } as const

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
    const rows = await db.auditEntry.findMany({ orderBy: { seq: 'asc' }, take: 1000, include: { records: hashedRecords }, ...(cursor ? { cursor: { seq: cursor }, skip: 1 } : {}) })
    if (!rows.length) return { ok: true, entries }
    for (const row of rows) {
      const seq = row.seq.toString()
      if (row.seq !== expectedSeq) return { ok: false, entries, firstBad: { seq, problem: row.seq > expectedSeq ? `entry ${expectedSeq} is missing` : 'out of order' } }
      if (row.prevHash !== prevHash) return { ok: false, entries, firstBad: { seq, problem: 'does not follow the previous entry (removed, reordered or inserted entry)' } }
      const { hash, hmac, records, ...content } = row
      const named = sortedRecords(records as AuditRecordRef[])
      if (entryHash({ ...content, role: row.role, entityType: row.entityType, ...(named.length ? { records: named } : {}) }) !== hash) {
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
  /** the code or name of a record the entry affects */
  q?: string
  from?: string
  to?: string
}

const RECORD_TYPES = new Set(['POWER_ITEM', 'DUTY', 'SPECIAL_FUND'])
type RecordType = AuditRecordRef['entityType']

/**
 * Entries about a record: those whose own entity it is and those that name it among the records
 * they affect (a change request's entries, a version's). A record proposed by a draft and not yet
 * published is named by its code, so the record's published id finds them through its code.
 */
async function recordWhere(db: Db, entityType: RecordType, entityId: string): Promise<{ entry: Prisma.AuditEntryWhereInput; named?: Prisma.AuditEntryRecordWhereInput }> {
  const id = /^\d{1,10}$/.test(entityId) ? Number(entityId) : null
  if (id === null || id > 2_147_483_647) return { entry: { entityType, entityId } }
  const code = await recordCode(db, entityType, id)
  const named: Prisma.AuditEntryRecordWhereInput = { entityType, OR: [{ entityId: id }, ...(code ? [{ entityId: null, code }] : [])] }
  return { entry: { OR: [{ entityType, entityId }, { records: { some: named } }] }, named }
}

async function recordCode(db: Db, entityType: RecordType, id: number): Promise<string | null> {
  const select = { code: true } as const
  const row = entityType === 'POWER_ITEM' ? await db.powerItem.findUnique({ where: { id }, select })
    : entityType === 'DUTY' ? await db.duty.findUnique({ where: { id }, select })
      : await db.specialFund.findUnique({ where: { id }, select })
  return row?.code ?? null
}

/** How many of the records an entry names its view carries: an import names thousands. */
export const RECORDS_SHOWN = 20

const recordSelect = { entityType: true, entityId: true, code: true, name: true } as const

/**
 * The entries a filter selects, and which of their records to show: the ones the filter asked
 * about when it names a record or a list, so an import's entry shows the record looked for.
 */
async function auditQuery(db: Db, filter: AuditFilter) {
  const entityType = filter.entityType as Prisma.AuditEntryWhereInput['entityType'] & string | undefined
  const about: Prisma.AuditEntryWhereInput[] = []
  const shown: Prisma.AuditEntryRecordWhereInput[] = []
  if (entityType && filter.entityId && RECORD_TYPES.has(entityType)) {
    const record = await recordWhere(db, entityType as RecordType, filter.entityId)
    about.push(record.entry)
    if (record.named) shown.push(record.named)
  } else if (entityType && RECORD_TYPES.has(entityType)) {
    about.push({ OR: [{ entityType }, { records: { some: { entityType: entityType as RecordType } } }] })
    shown.push({ entityType: entityType as RecordType })
  } else {
    if (entityType) about.push({ entityType })
    if (filter.entityId) about.push({ entityId: filter.entityId })
  }
  if (filter.q) {
    const named: Prisma.AuditEntryRecordWhereInput = { OR: [{ code: { contains: filter.q, mode: 'insensitive' } }, { name: { contains: filter.q } }] }
    about.push({ records: { some: named } })
    shown.push(named)
  }
  const where: Prisma.AuditEntryWhereInput = {
    ...(filter.departmentId ? { departmentId: filter.departmentId } : {}),
    ...(filter.actor ? { actorName: { contains: filter.actor } } : {}),
    ...(filter.action ? { action: { startsWith: filter.action } } : {}),
    ...(about.length ? { AND: about } : {}),
    ...(filter.from || filter.to ? { at: { ...(filter.from ? { gte: startOfCityDay(filter.from) } : {}), ...(filter.to ? { lte: endOfCityDay(filter.to) } : {}) } } : {}),
  }
  const include = {
    records: { ...(shown.length ? { where: { AND: shown } } : {}), orderBy: { id: 'asc' as const }, take: RECORDS_SHOWN, select: recordSelect },
    _count: { select: { records: true } },
  } satisfies Prisma.AuditEntryInclude
  return { where, include }
}

type AuditRow = Prisma.AuditEntryGetPayload<{ include: { records: { select: typeof recordSelect }; _count: { select: { records: true } } } }>

/** An entry as the API gives it, with what changed between its before and after and the records it names. */
function toView({ records, _count, ...row }: AuditRow): AuditEntryView {
  const before = asRecord(row.before)
  const after = asRecord(row.after)
  return {
    ...row,
    seq: row.seq.toString(),
    at: row.at.toISOString(),
    changes: before || after ? diffSnapshots(before ?? {}, after ?? {}) : [],
    records: records as AuditRecordRef[],
    recordCount: _count.records,
  }
}

/** The auditor's view of the log: filtered, newest first, a page at a time. */
export async function queryAudit(db: Db, filter: AuditFilter, page: number, pageSize: number): Promise<AuditPage> {
  const { where, include } = await auditQuery(db, filter)
  const [total, rows] = await Promise.all([
    db.auditEntry.count({ where }),
    db.auditEntry.findMany({ where, include, orderBy: { seq: 'desc' }, skip: (page - 1) * pageSize, take: pageSize }),
  ])
  return { total, page, pageSize, pageCount: Math.max(1, Math.ceil(total / pageSize)), items: rows.map(toView) }
}

/** Every entry the filter selects, newest first as the pages show them, read a batch at a time. */
export async function* auditEntries(db: Db, filter: AuditFilter): AsyncGenerator<AuditEntryView> {
  const { where, include } = await auditQuery(db, filter)
  let cursor: bigint | undefined
  for (;;) {
    const rows = await db.auditEntry.findMany({ where, include, orderBy: { seq: 'desc' }, take: 1000, ...(cursor ? { cursor: { seq: cursor }, skip: 1 } : {}) })
    for (const row of rows) yield toView(row)
    if (rows.length < 1000) return
    cursor = rows[rows.length - 1]!.seq
  }
}

export async function countAudit(db: Db, filter: AuditFilter): Promise<number> {
  return db.auditEntry.count({ where: (await auditQuery(db, filter)).where })
}

/**
 * Who changed a record, oldest first: every entry naming it (drafted, submitted, approved with
 * its 文号 or returned, gathered into a version, published), each with the list version its
 * change went into, so the history page can put the people beside the version they made.
 */
export async function recordStory(db: Db, entityType: RecordType, entityId: number): Promise<RecordStoryEntry[]> {
  const { entry: where } = await recordWhere(db, entityType, String(entityId))
  const rows = await db.auditEntry.findMany({ where, orderBy: { seq: 'asc' }, take: 1000 })
  const requestIds = rows.flatMap((r) => (r.entityType === 'CHANGE_REQUEST' && r.entityId && /^\d{1,10}$/.test(r.entityId) ? [Number(r.entityId)] : []))
  const decisions = requestIds.length
    ? await db.decision.findMany({ where: { changeRequestId: { in: requestIds }, listVersionId: { not: null } }, select: { changeRequestId: true, listVersionId: true } })
    : []
  const versionOf = new Map(decisions.map((d) => [d.changeRequestId, d.listVersionId!]))
  const listVersionId = (r: (typeof rows)[number]): number | null => {
    if (!r.entityId || !/^\d{1,10}$/.test(r.entityId)) return null
    if (r.entityType === 'LIST_VERSION') return Number(r.entityId)
    return r.entityType === 'CHANGE_REQUEST' ? versionOf.get(Number(r.entityId)) ?? null : null
  }
  const versionIds = [...new Set(rows.map(listVersionId).filter((id): id is number => id !== null))]
  const [versions, departments] = await Promise.all([
    db.listVersion.findMany({ where: { id: { in: versionIds } }, select: { id: true, title: true } }),
    db.department.findMany({ where: { id: { in: [...new Set(rows.flatMap((r) => (r.departmentId === null ? [] : [r.departmentId])))] } }, select: { id: true, name: true } }),
  ])
  return rows.map((r) => {
    const versionId = listVersionId(r)
    return {
      seq: r.seq.toString(),
      at: r.at.toISOString(),
      action: r.action,
      actorName: r.actorName,
      role: r.role,
      department: departments.find((d) => d.id === r.departmentId)?.name ?? null,
      reason: r.reason,
      documentNo: r.documentNo,
      changeRequestId: r.entityType === 'CHANGE_REQUEST' && r.entityId ? Number(r.entityId) || null : null,
      listVersion: versionId === null ? null : { id: versionId, title: versions.find((v) => v.id === versionId)?.title ?? '' },
    }
  })
}
