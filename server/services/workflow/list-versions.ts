// List versions (清单版本, e.g. 2026年第3批调整): approved changes are gathered, published with
// a document number, and applied to the published lists on their effective date together with
// the public announcement, the record history and the search index — in one transaction.
import type { Db, Prisma } from '../../utils/prisma'
import { appendAudit, SYSTEM_ACTOR, type AuditActor } from '../audit'
import { recordVersions } from '../history'
import { enqueueSearchSync } from '../search/outbox'
import type { DraftEntityType, ListVersionInput } from '../../../shared/drafts'
import { entityWorkflow } from './entities'
import { publishedRecordRefs, requestRecords } from './audit-records'
import { WorkflowError } from './errors'
import { CITY_OFFSET_MS } from '../../../shared/city-time'

type Tx = Prisma.TransactionClient

const ACTION_NAMES: Record<string, string> = { ADD: '新增', UPDATE: '修改', ADJUST: '调整', RETAIN: '保留', CANCEL: '取消', DELEGATE: '下放', MERGE: '合并' }
/** An announcement line names the list of a duty or a fund; a power item's line reads as before. */
const LIST_NAMES: Record<DraftEntityType, string> = { POWER_ITEM: '', DUTY: '责任事项', SPECIAL_FUND: '专项资金' }

function dateOnly(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`)
}

// An effective date is a day in 广安, stored as that day's 00:00 UTC: it has come once midnight
// has passed in the city, eight hours before 00:00 UTC.
function hasBegun(effectiveDate: Date, now: Date): boolean {
  return effectiveDate.getTime() - CITY_OFFSET_MS <= now.getTime()
}

/** Gathers approved changes that no other version holds into a new draft version. */
export async function createListVersion(db: Db, actor: AuditActor, input: ListVersionInput, requestId?: string) {
  return db.$transaction(async (tx) => {
    const requests = await tx.changeRequest.findMany({
      where: { id: { in: input.changeRequestIds } },
      include: { decisions: { where: { outcome: 'APPROVED' }, orderBy: { id: 'desc' }, take: 1 } },
    })
    const missing = input.changeRequestIds.filter((id) => !requests.some((r) => r.id === id))
    if (missing.length) throw new WorkflowError(404, 'CHANGE_REQUEST_NOT_FOUND', `没有编号为 ${missing.join('、')} 的变更`)
    const notReady = requests.filter((r) => r.status !== 'APPROVED' || !r.decisions[0] || r.decisions[0].listVersionId !== null)
    if (notReady.length) throw new WorkflowError(409, 'NOT_APPROVED', `变更 ${notReady.map((r) => r.id).join('、')} 尚未批准或已编入其他批次`)
    const year = Number(input.effectiveDate.slice(0, 4))
    const last = await tx.listVersion.findFirst({ where: { year }, orderBy: { batch: 'desc' }, select: { batch: true } })
    const version = await tx.listVersion.create({
      data: { year, batch: (last?.batch ?? 0) + 1, title: input.title, documentNo: input.documentNo, effectiveDate: dateOnly(input.effectiveDate), status: 'DRAFT' },
    })
    await tx.decision.updateMany({ where: { id: { in: requests.map((r) => r.decisions[0]!.id) } }, data: { listVersionId: version.id } })
    await appendAudit(tx, actor, { action: 'version.create', entityType: 'LIST_VERSION', entityId: version.id, after: { ...version, changeRequestIds: input.changeRequestIds }, documentNo: input.documentNo, requestId, records: await requestRecords(tx, requests) })
    return version
  })
}

/**
 * Publishes a draft version: applied at once when its effective date has come, otherwise
 * scheduled and applied by applyDueVersions on that date.
 */
export async function publishListVersion(db: Db, actor: AuditActor, id: number, now = new Date(), requestId?: string) {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT id FROM "ListVersion" WHERE id = ${id} FOR UPDATE`
    const version = await tx.listVersion.findUnique({ where: { id } })
    if (!version) throw new WorkflowError(404, 'VERSION_NOT_FOUND', `没有编号为 ${id} 的清单版本`)
    if (version.status !== 'DRAFT') throw new WorkflowError(409, 'VERSION_NOT_DRAFT', '该清单版本已发布')
    if (hasBegun(version.effectiveDate, now)) {
      const { version: published, changes } = await applyVersion(tx, id, now)
      await appendAudit(tx, actor, { action: 'version.publish', entityType: 'LIST_VERSION', entityId: id, before: version, after: { ...published, changes: changes.map(auditedChange) }, documentNo: version.documentNo, requestId, records: changedRecords(changes) })
      return published
    }
    const scheduled = await tx.listVersion.update({ where: { id }, data: { status: 'SCHEDULED' } })
    const requests = await tx.changeRequest.findMany({ where: { decisions: { some: { listVersionId: id } } } })
    await appendAudit(tx, actor, { action: 'version.schedule', entityType: 'LIST_VERSION', entityId: id, before: version, after: { ...scheduled, changeRequestIds: requests.map((r) => r.id) }, documentNo: version.documentNo, requestId, records: await requestRecords(tx, requests) })
    return scheduled
  }, { timeout: 120_000 })
}

/** Applies every scheduled version whose effective date has come; the search worker calls it. */
export async function applyDueVersions(db: Db, now = new Date()): Promise<number[]> {
  const due = await db.listVersion.findMany({ where: { status: 'SCHEDULED', effectiveDate: { lte: new Date(now.getTime() + CITY_OFFSET_MS) } }, orderBy: [{ effectiveDate: 'asc' }, { id: 'asc' }], select: { id: true } })
  const applied: number[] = []
  for (const { id } of due) {
    await db.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT id FROM "ListVersion" WHERE id = ${id} FOR UPDATE`
      const current = await tx.listVersion.findUniqueOrThrow({ where: { id }, select: { status: true, publishedAt: true } })
      if (current.status !== 'SCHEDULED') return
      const { version, changes } = await applyVersion(tx, id, now)
      await appendAudit(tx, SYSTEM_ACTOR, { action: 'version.apply', entityType: 'LIST_VERSION', entityId: id, before: current, after: { status: version.status, publishedAt: version.publishedAt, changes: changes.map(auditedChange) }, documentNo: version.documentNo, records: changedRecords(changes) })
      applied.push(id)
    }, { timeout: 120_000 })
  }
  return applied
}

/** One change a version applied, as its audit entry records it. */
interface AppliedChange { entityType: DraftEntityType; id: number; code: string; name: string; department: string; action: string; documentNo: string | null }

const auditedChange = (c: AppliedChange) => ({ entityType: c.entityType, action: c.action, code: c.code, name: c.name, department: c.department, documentNo: c.documentNo })

function changedRecords(changes: AppliedChange[]) {
  return changes.flatMap((c) => publishedRecordRefs(c.entityType, [c]))
}

async function applyVersion(tx: Tx, id: number, at: Date) {
  const version = await tx.listVersion.findUniqueOrThrow({
    where: { id },
    include: { decisions: { include: { changeRequest: true }, orderBy: { id: 'asc' } } },
  })
  const lines: string[] = []
  const changes: AppliedChange[] = []
  for (const decision of version.decisions) {
    const request = decision.changeRequest
    const documentNo = decision.documentNo ?? version.documentNo
    const entityType = request.entityType as DraftEntityType
    const record = await entityWorkflow(entityType).apply(tx, request, decision, documentNo, at)
    await recordVersions(tx, entityType, [{ entityId: record.id, revision: record.revision, data: record.snapshot }], { action: request.action, at, documentNo, reason: decision.publicReason, listVersionId: id })
    await enqueueSearchSync(tx, entityType, [record.id])
    await tx.changeRequest.update({ where: { id: request.id }, data: { status: 'PUBLISHED' } })
    lines.push(`${ACTION_NAMES[request.action] ?? request.action}${LIST_NAMES[entityType]}：${record.department}“${record.name}”（${record.code}）${documentNo ? `，${documentNo}` : ''}${decision.publicReason ? `。理由：${decision.publicReason}` : ''}`)
    changes.push({ entityType, id: record.id, code: record.code, name: record.name, department: record.department, action: request.action, documentNo })
  }
  await tx.announcement.create({
    data: { listVersionId: id, title: version.title, body: [`依据${version.documentNo ?? '审改办决定'}，自${version.effectiveDate.toISOString().slice(0, 10)}起调整以下事项：`, ...lines].join('\n'), publishedAt: at },
  })
  return { version: await tx.listVersion.update({ where: { id }, data: { status: 'PUBLISHED', publishedAt: at } }), changes }
}
