// List versions (清单版本, e.g. 2026年第3批调整): approved changes are gathered, published with
// a document number, and applied to the published lists on their effective date together with
// the public announcement, the record history and the search index — in one transaction.
import { isDatabaseUnavailable, prismaErrorCode, type Db, type Prisma } from '../../utils/prisma'
import { appendAudit, SYSTEM_ACTOR, type AuditActor } from '../audit'
import { recordVersions } from '../history'
import { enqueueSearchSync } from '../search/outbox'
import type { DraftInput, ListVersionInput } from '../../../shared/drafts'
import type { DraftEntityType } from '../../../shared/lists'
import type { ListVersionView } from '../../../shared/workspace'
import { checkReferences, entityWorkflow } from './entities'
import { publishedRecordRefs, requestRecords } from './audit-records'
import { WorkflowError } from './errors'
import { ACTION_NAMES, ENTITY_NAMES, label } from '../labels'
import { getListVersion, publishedRecords, recordName } from './queries'
import { CITY_OFFSET_MS } from '../../../shared/city-time'

type Tx = Prisma.TransactionClient
type RequestRow = Prisma.ChangeRequestGetPayload<object>

/** A change of a version that cannot take effect: the whole version is refused, naming it. */
export class ChangeNotApplicable extends WorkflowError {
  constructor(readonly changeRequestId: number, message: string) {
    super(409, 'CHANGE_NOT_APPLICABLE', message)
  }
}

const NO_FAILURE = { failure: null, failedAt: null, failedChangeRequestId: null }

/** An announcement line names what a duty, a fund or a guide is; a power item's line reads as before. */
const lineNoun = (entityType: DraftEntityType) => (entityType === 'POWER_ITEM' ? '' : ENTITY_NAMES[entityType])

function dateOnly(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`)
}

// An effective date is a day in 广安, stored as that day's 00:00 UTC: it has come once midnight
// has passed in the city, eight hours before 00:00 UTC.
function hasBegun(effectiveDate: Date, now: Date): boolean {
  return effectiveDate.getTime() - CITY_OFFSET_MS <= now.getTime()
}

/** Arbitrary, fixed key of the advisory lock under which the batches of one year are numbered. */
const BATCH_LOCK = 7_340_034

/**
 * Gathers approved changes that no other version holds into a new draft version. The changes are
 * locked in id order before they are checked, so two versions racing for one change cannot both
 * take it (the loser gets 409 and leaves no empty version); the year's next batch number is taken
 * under a lock of that year, so racing versions never collide on it.
 */
export async function createListVersion(db: Db, actor: AuditActor, input: ListVersionInput, requestId?: string) {
  return db.$transaction(async (tx) => {
    const year = Number(input.effectiveDate.slice(0, 4))
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${BATCH_LOCK}::int, ${year}::int)`
    const ids = [...new Set(input.changeRequestIds)].sort((a, b) => a - b)
    await tx.$queryRaw`SELECT id FROM "ChangeRequest" WHERE id = ANY(${ids}::int[]) ORDER BY id FOR UPDATE`
    const requests = await tx.changeRequest.findMany({
      where: { id: { in: ids } },
      include: { decisions: { where: { outcome: 'APPROVED' }, orderBy: { id: 'desc' }, take: 1 } },
    })
    const missing = ids.filter((id) => !requests.some((r) => r.id === id))
    if (missing.length) throw new WorkflowError(404, 'CHANGE_REQUEST_NOT_FOUND', `没有编号为 ${missing.join('、')} 的变更`)
    const notReady = requests.filter((r) => r.status !== 'APPROVED' || !r.decisions[0] || r.decisions[0].listVersionId !== null)
    if (notReady.length) throw new WorkflowError(409, 'NOT_APPROVED', `变更 ${notReady.map((r) => r.id).join('、')} 尚未批准或已编入其他批次`)
    const last = await tx.listVersion.findFirst({ where: { year }, orderBy: { batch: 'desc' }, select: { batch: true } })
    const version = await tx.listVersion.create({
      data: { year, batch: (last?.batch ?? 0) + 1, title: input.title, documentNo: input.documentNo, effectiveDate: dateOnly(input.effectiveDate), status: 'DRAFT' },
    })
    await tx.decision.updateMany({ where: { id: { in: requests.map((r) => r.decisions[0]!.id) } }, data: { listVersionId: version.id } })
    await appendAudit(tx, actor, { action: 'version.create', entityType: 'LIST_VERSION', entityId: version.id, after: { ...version, changeRequestIds: ids }, documentNo: input.documentNo, requestId, records: await requestRecords(tx, requests) })
    return version
  })
}

async function lockVersion(tx: Tx, id: number) {
  await tx.$executeRaw`SELECT id FROM "ListVersion" WHERE id = ${id} FOR UPDATE`
  const version = await tx.listVersion.findUnique({ where: { id } })
  if (!version) throw new WorkflowError(404, 'VERSION_NOT_FOUND', `没有编号为 ${id} 的清单版本`)
  return version
}

/**
 * Locks the list version that holds a change's approval, if one does, and returns its id. Whoever
 * changes what a version holds takes its lock first, as publication does, then the request's.
 */
export async function lockVersionHolding(tx: Tx, changeRequestId: number): Promise<number | null> {
  const approval = await tx.decision.findFirst({ where: { changeRequestId, outcome: 'APPROVED' }, orderBy: { id: 'desc' }, select: { listVersionId: true } })
  if (approval?.listVersionId == null) return null
  await lockVersion(tx, approval.listVersionId)
  return approval.listVersionId
}

/**
 * Takes an approval out of its version (locked by the caller). The failure it may have caused is
 * no longer the version's; a version left with no change goes back to draft, never applied empty.
 */
export async function detachFromVersion(tx: Tx, versionId: number, decisionId: number): Promise<void> {
  await tx.decision.update({ where: { id: decisionId }, data: { listVersionId: null } })
  const left = await tx.decision.count({ where: { listVersionId: versionId } })
  await tx.listVersion.update({ where: { id: versionId }, data: { ...NO_FAILURE, ...(left ? {} : { status: 'DRAFT' }) } })
}

/**
 * Takes an approved change out of a version that has not taken effect (draft or scheduled). The
 * change stays approved and waits for another version, or for the office to return it.
 */
export async function removeFromVersion(db: Db, actor: AuditActor, versionId: number, changeRequestId: number, requestId?: string): Promise<ListVersionView> {
  await db.$transaction(async (tx) => {
    const before = await lockVersion(tx, versionId)
    if (before.status === 'PUBLISHED') throw new WorkflowError(409, 'VERSION_NOT_DRAFT', '已生效的清单版本不能再移出变更')
    const approval = await tx.decision.findFirst({ where: { changeRequestId, listVersionId: versionId, outcome: 'APPROVED' }, select: { id: true } })
    if (!approval) throw new WorkflowError(404, 'CHANGE_NOT_IN_VERSION', `变更 #${changeRequestId} 不在该清单版本中`)
    await detachFromVersion(tx, versionId, approval.id)
    const after = await tx.listVersion.findUniqueOrThrow({ where: { id: versionId } })
    await appendAudit(tx, actor, { action: 'version.remove_change', entityType: 'LIST_VERSION', entityId: versionId, before, after: { ...after, changeRequestId }, requestId })
  })
  return (await getListVersion(db, versionId))!
}

/**
 * Publishes a draft version: applied at once when its effective date has come, otherwise
 * scheduled and applied by applyDueVersions on that date. A version one of whose changes cannot
 * take effect is refused whole (409 CHANGE_NOT_APPLICABLE naming the change), and the reason is
 * kept with the version for the back office.
 */
export async function publishListVersion(db: Db, actor: AuditActor, id: number, now = new Date(), requestId?: string) {
  try {
    return await db.$transaction(async (tx) => {
      const version = await lockVersion(tx, id)
      if (version.status !== 'DRAFT') throw new WorkflowError(409, 'VERSION_NOT_DRAFT', '该清单版本已发布')
      if (hasBegun(version.effectiveDate, now)) {
        const { version: published, changes } = await applyVersion(tx, id, now)
        await appendAudit(tx, actor, { action: 'version.publish', entityType: 'LIST_VERSION', entityId: id, before: version, after: { ...published, changes: changes.map(auditedChange) }, documentNo: version.documentNo, requestId, records: changedRecords(changes) })
        return published
      }
      // Checked now as well, so that what is already wrong is said today rather than on the date.
      await checkVersion(tx, id)
      const scheduled = await tx.listVersion.update({ where: { id }, data: { status: 'SCHEDULED', ...NO_FAILURE } })
      const requests = await tx.changeRequest.findMany({ where: { decisions: { some: { listVersionId: id } } } })
      await appendAudit(tx, actor, { action: 'version.schedule', entityType: 'LIST_VERSION', entityId: id, before: version, after: { ...scheduled, changeRequestIds: requests.map((r) => r.id) }, documentNo: version.documentNo, requestId, records: await requestRecords(tx, requests) })
      return scheduled
    }, { timeout: 120_000 })
  } catch (error) {
    if (error instanceof ChangeNotApplicable) await recordFailure(db, actor, id, error, now, requestId)
    throw error
  }
}

export interface DueVersions {
  applied: number[]
  /** versions that could not be applied, each with the reason the back office shows; `error` when it was unexpected */
  failed: { id: number; reason: string; error?: unknown }[]
}

/**
 * Applies every scheduled version whose effective date has come; the scheduler calls it every
 * minute. A version that cannot be applied is skipped with its reason kept, so it never holds
 * back the versions after it; it is tried again on the next call.
 */
export async function applyDueVersions(db: Db, now = new Date()): Promise<DueVersions> {
  const due = await db.listVersion.findMany({ where: { status: 'SCHEDULED', effectiveDate: { lte: new Date(now.getTime() + CITY_OFFSET_MS) } }, orderBy: [{ effectiveDate: 'asc' }, { id: 'asc' }], select: { id: true } })
  const result: DueVersions = { applied: [], failed: [] }
  for (const { id } of due) {
    try {
      const applied = await db.$transaction(async (tx) => {
        const current = await lockVersion(tx, id)
        if (current.status !== 'SCHEDULED') return false
        const { version, changes } = await applyVersion(tx, id, now)
        await appendAudit(tx, SYSTEM_ACTOR, { action: 'version.apply', entityType: 'LIST_VERSION', entityId: id, before: { status: current.status, publishedAt: current.publishedAt }, after: { status: version.status, publishedAt: version.publishedAt, changes: changes.map(auditedChange) }, documentNo: version.documentNo, records: changedRecords(changes) })
        return true
      }, { timeout: 120_000 })
      if (applied) result.applied.push(id)
    } catch (error) {
      // Without the database nothing can be applied or recorded: the next call tries again.
      if (isDatabaseUnavailable(error)) throw error
      const reason = await recordFailure(db, SYSTEM_ACTOR, id, error, now)
      result.failed.push({ id, reason, ...(error instanceof WorkflowError ? {} : { error }) })
    }
  }
  return result
}

/**
 * Keeps why a version could not be applied with the version, where the back office shows it.
 * The audit log names each new reason once, not every minute the scheduler tries again.
 */
async function recordFailure(db: Db, actor: AuditActor, id: number, error: unknown, at: Date, requestId?: string): Promise<string> {
  const reason = error instanceof WorkflowError ? error.message : '应用时发生意外错误，详见服务器日志'
  const changeRequestId = error instanceof ChangeNotApplicable ? error.changeRequestId : null
  await db.$transaction(async (tx) => {
    const version = await lockVersion(tx, id)
    if (version.status === 'PUBLISHED') return
    await tx.listVersion.update({ where: { id }, data: { failure: reason, failedAt: at, failedChangeRequestId: changeRequestId } })
    if (version.failure === reason && version.failedChangeRequestId === changeRequestId) return
    await appendAudit(tx, actor, { action: 'version.apply_failed', entityType: 'LIST_VERSION', entityId: id, after: { reason, changeRequestId }, requestId })
  })
  return reason
}

/** How a change is named in a refusal: 新增事项“…”（code）. */
async function changeLabels(tx: Tx, requests: RequestRow[]): Promise<Map<number, string>> {
  const records = await publishedRecords(tx, requests)
  return new Map(requests.map((request) => {
    const { itemName, itemCode } = recordName(request, records)
    return [request.id, `${label(ACTION_NAMES, request.action)}${lineNoun(request.entityType as DraftEntityType) || '事项'}“${itemName}”（${itemCode}）`]
  }))
}

/**
 * What an approved change refers to may have moved since it was drafted (a code published by the
 * import, a merge target cancelled by an earlier version, the record changed): check it again,
 * inside the version's transaction, after the changes before it in the version.
 */
async function checkApplicable(tx: Tx, request: RequestRow): Promise<void> {
  const input = { entityType: request.entityType, action: request.action, entityId: request.entityId, payload: request.payload } as DraftInput
  const { baseRevision } = await checkReferences(tx, input, request.departmentId, request.id)
  if (request.baseRevision !== null && baseRevision !== request.baseRevision) {
    throw new WorkflowError(409, 'STALE_DRAFT', '批准后记录已被另一项变更修改')
  }
}

/** The refusal that names the change at fault, or the error itself when it says nothing about the change. */
function notApplicable(request: RequestRow, label: string, error: unknown): unknown {
  const code = prismaErrorCode(error)
  const reason = error instanceof WorkflowError ? error.message
    : code === 'P2002' ? '与已发布的记录重复'
      : code === 'P2003' ? '引用的记录不存在'
        : null
  if (reason === null) return error
  return new ChangeNotApplicable(request.id, `变更 #${request.id}（${label}）无法生效：${reason}。请将它移出本版本，或退回经办人`)
}

async function loadVersion(tx: Tx, id: number) {
  const version = await tx.listVersion.findUniqueOrThrow({
    where: { id },
    include: { decisions: { include: { changeRequest: true }, orderBy: { id: 'asc' } } },
  })
  if (!version.decisions.length) throw new WorkflowError(409, 'VERSION_EMPTY', '该清单版本没有任何变更，不能发布')
  return version
}

/** Refuses a version that holds nothing, or a change that cannot take effect as things are now. */
async function checkVersion(tx: Tx, id: number): Promise<void> {
  const version = await loadVersion(tx, id)
  const requests = version.decisions.map((d) => d.changeRequest)
  const labels = await changeLabels(tx, requests)
  for (const request of requests) {
    await checkApplicable(tx, request).catch((error: unknown) => { throw notApplicable(request, labels.get(request.id)!, error) })
  }
}

/** One change a version applied, as its audit entry records it. */
interface AppliedChange { entityType: DraftEntityType; id: number; code: string; name: string; department: string; action: string; documentNo: string | null }

const auditedChange = (c: AppliedChange) => ({ entityType: c.entityType, action: c.action, code: c.code, name: c.name, department: c.department, documentNo: c.documentNo })

/** The records the changes touched; a guide's change is its power item's (the guide's id is the item's). */
function changedRecords(changes: AppliedChange[]) {
  return changes.flatMap((c) => publishedRecordRefs(c.entityType === 'SERVICE_GUIDE' ? 'POWER_ITEM' : c.entityType, [c]))
}

async function applyVersion(tx: Tx, id: number, at: Date) {
  const version = await loadVersion(tx, id)
  const labels = await changeLabels(tx, version.decisions.map((d) => d.changeRequest))
  const lines: string[] = []
  const changes: AppliedChange[] = []
  for (const decision of version.decisions) {
    const request = decision.changeRequest
    const documentNo = decision.documentNo ?? version.documentNo
    const entityType = request.entityType as DraftEntityType
    const workflow = entityWorkflow(entityType)
    const record = await (async () => {
      await checkApplicable(tx, request)
      return workflow.apply(tx, request, decision, documentNo, at)
    })().catch((error: unknown) => { throw notApplicable(request, labels.get(request.id)!, error) })
    await recordVersions(tx, entityType, [{ entityId: record.id, revision: record.revision, data: record.snapshot }], { action: request.action, at, documentNo, reason: decision.publicReason, listVersionId: id })
    await enqueueSearchSync(tx, workflow.searchEntity, [record.id])
    await tx.changeRequest.update({ where: { id: request.id }, data: { status: 'PUBLISHED' } })
    lines.push(`${label(ACTION_NAMES, request.action)}${lineNoun(entityType)}：${record.department}“${record.name}”（${record.code}）${documentNo ? `，${documentNo}` : ''}${decision.publicReason ? `。理由：${decision.publicReason}` : ''}`)
    changes.push({ entityType, id: record.id, code: record.code, name: record.name, department: record.department, action: request.action, documentNo })
  }
  await tx.announcement.create({
    data: { listVersionId: id, title: version.title, body: [`依据${version.documentNo ?? '审改办决定'}，自${version.effectiveDate.toISOString().slice(0, 10)}起调整以下事项：`, ...lines].join('\n'), publishedAt: at },
  })
  return { version: await tx.listVersion.update({ where: { id }, data: { status: 'PUBLISHED', publishedAt: at, ...NO_FAILURE } }), changes }
}
