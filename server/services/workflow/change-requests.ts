// The life of a proposed change (docs/ARCHITECTURE.md, "The review workflow"): an editor's draft, submitted
// with a reason, approved with a decision or returned with a comment. The published record does
// not change here; publishing a list version applies approved changes (list-versions.ts).
// Callers have already passed the guard for the permission and the department (server/guards/context.ts).
import { prismaErrorCode, uniqueViolation, type Db, type Prisma } from '../../utils/prisma'
import { appendAudit, appendAudits, type AuditActor } from '../audit'
import type { DecisionInput, DraftInput } from '../../../shared/drafts'
import type { ChangeRequestStatus } from '../../../shared/workspace'
import { checkReferences, ENTITY_WORKFLOWS, entityWorkflow } from './entities'
import { recordsOfEachRequest, requestRecords } from './audit-records'
import { WorkflowError } from './errors'
import { detachFromVersion, lockVersionHolding } from './list-versions'

export { OPEN } from './entities'

type Status = ChangeRequestStatus
type Step = 'edit' | 'submit' | 'withdraw' | 'decide' | 'recall' | 'publish'

/**
 * Which step may leave which state. Everything else is refused with 409. `recall` is the reform
 * office returning an approved change that no version has applied yet (it leaves its version).
 */
export const TRANSITIONS: Record<Step, { from: Status[]; to: Status | 'by decision' }> = {
  edit: { from: ['DRAFT', 'RETURNED'], to: 'DRAFT' },
  submit: { from: ['DRAFT', 'RETURNED'], to: 'SUBMITTED' },
  withdraw: { from: ['DRAFT', 'SUBMITTED', 'RETURNED'], to: 'WITHDRAWN' },
  decide: { from: ['SUBMITTED'], to: 'by decision' },
  recall: { from: ['APPROVED'], to: 'RETURNED' },
  publish: { from: ['APPROVED'], to: 'PUBLISHED' },
}

export function canMove(step: Step, from: Status): boolean {
  return TRANSITIONS[step].from.includes(from)
}


async function load(tx: Prisma.TransactionClient, id: number) {
  // Row lock: two reviewers deciding the same request at once must not both succeed.
  await tx.$executeRaw`SELECT id FROM "ChangeRequest" WHERE id = ${id} FOR UPDATE`
  const request = await tx.changeRequest.findUnique({ where: { id } })
  if (!request) throw new WorkflowError(404, 'CHANGE_REQUEST_NOT_FOUND', `没有编号为 ${id} 的变更`)
  return request
}

function refuse(step: Step, status: Status): never {
  throw new WorkflowError(409, 'INVALID_TRANSITION', `状态为“${status}”的变更不能${({ edit: '修改', submit: '提交', withdraw: '撤回', decide: '审核', recall: '退回', publish: '发布' })[step]}`)
}

const proposedCode = (input: DraftInput) => (input.action === 'ADD' ? input.payload.code : null)

/**
 * The database keeps one open change per record and one open proposal per new code (partial
 * unique indexes): a request that passed the checks while another one was committing the same
 * change loses here, with the answer the checks would have given. Of several drafts written
 * together, the index that refused them tells which answer; the message names the record when
 * only one draft could have met it.
 */
function raced(error: unknown, inputs: DraftInput[]): unknown {
  if (prismaErrorCode(error) !== 'P2002') return error
  const byCode = inputs.every((input) => input.action === 'ADD') || /open_per_code|proposedCode/.test(uniqueViolation(error))
  const suspects = inputs.filter((input) => (input.action === 'ADD') === byCode)
  const { noun } = ENTITY_WORKFLOWS[(suspects[0] ?? inputs[0]!).entityType]
  const [only] = suspects.length === 1 ? suspects : []
  if (byCode) {
    const code = only?.action === 'ADD' ? ` ${only.payload.code} ` : ''
    return new WorkflowError(409, 'ITEM_CODE_TAKEN', `${noun}编码${code}已由另一项未完成的变更提出`)
  }
  return new WorkflowError(409, 'OPEN_CHANGE_EXISTS', only ? `该${noun}已有未完成的变更` : `其中有${noun}已有未完成的变更`)
}

export async function createDraft(db: Db, actor: AuditActor & { id: number }, departmentId: number, input: DraftInput, requestId?: string) {
  return db.$transaction((tx) => createDraftIn(tx, actor, departmentId, input, requestId))
}

/** createDraft inside a caller's transaction. */
export async function createDraftIn(tx: Prisma.TransactionClient, actor: AuditActor & { id: number }, departmentId: number, input: DraftInput, requestId?: string) {
  const [draft] = await insertDrafts(tx, actor, departmentId, [input], requestId)
  return draft!
}

/**
 * Checks (checkReferences) and writes drafts, each with its draft.create audit entry, in a few
 * statements whatever their number, and returns them in the given order. A 2,000-row import then
 * holds the database for its checks and a moment rather than for 14,000 round trips: the
 * embedded PGlite serves one transaction at a time, and every public page waits for it.
 */
export async function insertDrafts(tx: Prisma.TransactionClient, actor: AuditActor & { id: number }, departmentId: number, inputs: DraftInput[], requestId?: string) {
  if (!inputs.length) return []
  const data: Prisma.ChangeRequestCreateManyInput[] = []
  for (const input of inputs) {
    const { entityId, baseRevision } = await checkReferences(tx, input, departmentId)
    data.push({ entityType: input.entityType, entityId, action: input.action, departmentId, authorId: actor.id, payload: input.payload, proposedCode: proposedCode(input), baseRevision, status: 'DRAFT' })
  }
  const created = await tx.changeRequest.createManyAndReturn({ data }).catch((error: unknown) => { throw raced(error, inputs) })
  // One INSERT numbers its rows in the order given.
  created.sort((a, b) => a.id - b.id)
  const records = await recordsOfEachRequest(tx, created)
  await appendAudits(tx, actor, created.map((draft, i) => ({ action: 'draft.create', entityType: 'CHANGE_REQUEST' as const, entityId: draft.id, after: draft, requestId, records: records[i] })))
  return created
}

/** Replaces the proposal of a draft or a returned change. */
export async function updateDraft(db: Db, actor: AuditActor, id: number, input: DraftInput, requestId?: string) {
  return db.$transaction(async (tx) => {
    const before = await load(tx, id)
    if (!canMove('edit', before.status)) refuse('edit', before.status)
    if (before.entityType !== input.entityType || before.action !== input.action || (input.action !== 'ADD' && input.entityId !== before.entityId)) {
      throw new WorkflowError(400, 'DRAFT_KIND_CHANGED', '草稿的清单、变更类型和事项不能修改；请撤回后新建')
    }
    await checkReferences(tx, input, before.departmentId, id)
    const after = await tx.changeRequest.update({ where: { id }, data: { payload: input.payload, proposedCode: proposedCode(input), status: 'DRAFT' } })
      .catch((error: unknown) => { throw raced(error, [input]) })
    await appendAudit(tx, actor, { action: 'draft.update', entityType: 'CHANGE_REQUEST', entityId: id, before, after, requestId, records: await requestRecords(tx, [after]) })
    return after
  })
}

export async function submitDraft(db: Db, actor: AuditActor, id: number, reason: string, requestId?: string) {
  return db.$transaction(async (tx) => {
    const before = await load(tx, id)
    if (!canMove('submit', before.status)) refuse('submit', before.status)
    const after = await tx.changeRequest.update({ where: { id }, data: { status: 'SUBMITTED', reason, submittedAt: new Date() } })
    await appendAudit(tx, actor, { action: 'draft.submit', entityType: 'CHANGE_REQUEST', entityId: id, before, after, reason, requestId, records: await requestRecords(tx, [before]) })
    return after
  })
}

/**
 * Submits many drafts with one reason in one transaction: one that cannot be submitted (already
 * submitted, withdrawn, missing) refuses them all, naming it. Locked in id order, as every batch.
 */
export async function submitDrafts(db: Db, actor: AuditActor, ids: number[], reason: string, requestId?: string) {
  return db.$transaction(async (tx) => {
    const submitted = []
    for (const id of [...new Set(ids)].sort((a, b) => a - b)) {
      const before = await load(tx, id)
      if (!canMove('submit', before.status)) throw new WorkflowError(409, 'INVALID_TRANSITION', `变更 #${id} 的状态为“${before.status}”，不能提交；所选草稿均未提交`)
      const after = await tx.changeRequest.update({ where: { id }, data: { status: 'SUBMITTED', reason, submittedAt: new Date() } })
      await appendAudit(tx, actor, { action: 'draft.submit', entityType: 'CHANGE_REQUEST', entityId: id, before, after, reason, requestId, records: await requestRecords(tx, [before]) })
      submitted.push(after)
    }
    return submitted
  }, { timeout: 60_000 })
}

export async function withdrawDraft(db: Db, actor: AuditActor, id: number, requestId?: string) {
  return db.$transaction(async (tx) => {
    const before = await load(tx, id)
    if (!canMove('withdraw', before.status)) refuse('withdraw', before.status)
    const after = await tx.changeRequest.update({ where: { id }, data: { status: 'WITHDRAWN' } })
    await appendAudit(tx, actor, { action: 'draft.withdraw', entityType: 'CHANGE_REQUEST', entityId: id, before, after, requestId, records: await requestRecords(tx, [before]) })
    return after
  })
}

/** Approves (with the document number and effective date) or returns (with a comment) a submitted change. */
export async function decide(db: Db, actor: AuditActor & { id: number }, id: number, input: DecisionInput, requestId?: string) {
  return db.$transaction((tx) => decideIn(tx, actor, id, input, requestId))
}

/** Many decisions at once, all or none: one request that cannot be decided refuses the batch. */
export async function decideBatch(db: Db, actor: AuditActor & { id: number }, ids: number[], input: DecisionInput, requestId?: string) {
  return db.$transaction(async (tx) => {
    const results = []
    for (const id of ids) results.push(await decideIn(tx, actor, id, input, requestId))
    return results
  }, { timeout: 60_000 })
}

async function decideIn(tx: Prisma.TransactionClient, actor: AuditActor & { id: number }, id: number, input: DecisionInput, requestId?: string) {
  // A returned approval leaves its list version: that version is locked before the request, in
  // the order publication takes them, so it cannot be applied meanwhile.
  const version = input.outcome === 'RETURNED' ? await lockVersionHolding(tx, id) : null
  const before = await load(tx, id)
  const step = input.outcome === 'RETURNED' && before.status === 'APPROVED' ? 'recall' : 'decide'
  if (!canMove(step, before.status)) refuse(step, before.status)
  if (step === 'recall') {
    const approval = await tx.decision.findFirstOrThrow({ where: { changeRequestId: id, outcome: 'APPROVED' }, orderBy: { id: 'desc' } })
    if (approval.listVersionId !== version) throw new WorkflowError(409, 'CHANGE_MOVED', `变更 #${id} 刚被编入另一清单版本，请刷新后重试`)
    if (version !== null) await detachFromVersion(tx, version, approval.id)
  }
  if (input.outcome === 'APPROVED' && before.entityId !== null) {
    const item = await entityWorkflow(before.entityType).target(tx, before.entityId)
    if (before.baseRevision !== null && item?.revision !== before.baseRevision) {
      throw new WorkflowError(409, 'STALE_DRAFT', '草稿提交后事项已被另一项变更修改，请退回经办人按最新内容重新填写')
    }
  }
  const payload = before.payload as { toLevel?: 'PROVINCE' | 'CITY' | 'COUNTY' | 'TOWNSHIP' | 'VILLAGE'; toDepartmentId?: number | null; intoItemId?: number }
  const decision = await tx.decision.create({
    data: {
      changeRequestId: id,
      outcome: input.outcome,
      action: input.outcome === 'APPROVED' ? before.action : null,
      delegateToLevel: input.outcome === 'APPROVED' ? payload.toLevel ?? null : null,
      delegateToDepartmentId: input.outcome === 'APPROVED' ? payload.toDepartmentId ?? null : null,
      mergeIntoItemId: input.outcome === 'APPROVED' ? payload.intoItemId ?? null : null,
      documentNo: input.outcome === 'APPROVED' ? input.documentNo : null,
      effectiveDate: input.outcome === 'APPROVED' ? new Date(`${input.effectiveDate}T00:00:00Z`) : null,
      comment: input.comment,
      publicReason: input.outcome === 'APPROVED' ? input.publicReason ?? null : null,
      decidedById: actor.id,
    },
  })
  const after = await tx.changeRequest.update({ where: { id }, data: { status: input.outcome } })
  await appendAudit(tx, actor, {
    action: input.outcome === 'APPROVED' ? 'review.approve' : 'review.return',
    entityType: 'CHANGE_REQUEST', entityId: id, before, after: { ...after, decision, ...(step === 'recall' ? { removedFromVersion: version } : {}) },
    reason: input.comment, documentNo: decision.documentNo, requestId, records: await requestRecords(tx, [before]),
  })
  return { changeRequest: after, decision }
}
