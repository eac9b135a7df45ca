// What the workflow needs to know of each list it keeps drafts for: how to find a record and its
// department, what a proposal must satisfy beyond its schema, how the published record reads as a
// snapshot (RecordVersion, the review diff), and how an approved change is applied to it.
// change-requests.ts, list-versions.ts and queries.ts look the list up here instead of branching.
import type { Db, Prisma } from '../../utils/prisma'
import type { DraftInput, DutyFields, FundFields, PowerItemFields } from '../../../shared/drafts'
import type { GuideFields } from '../../../shared/guides'
import type { DraftEntityType, ItemStatus, ListEntityType } from '../../../shared/lists'
import { OPEN_CHANGE_REQUEST_STATUSES } from '../../../shared/workspace'
import { dutySnapshot, fundSnapshot, powerItemSnapshot } from '../lists/snapshots'
import { fundSeriesWhere, resolveFundIdentity } from '../lists/funds'
import { guideInclude, guideSnapshot, snapshotOf, writeGuide } from '../guides/records'
import { WorkflowError } from './errors'

type Tx = Prisma.TransactionClient
type RequestRow = Prisma.ChangeRequestGetPayload<object>
type DecisionRow = Prisma.DecisionGetPayload<object>

/** The published record a change applies to, as the checks need it. */
export interface DraftTarget { id: number; departmentId: number; status: ItemStatus; revision: number }

/** A published record as the review and the history show it. */
export interface PublishedRecord { id: number; code: string; name: string; department: string; revision: number; snapshot: Record<string, unknown> }

export interface EntityWorkflow {
  /** what the list calls one record, in the Chinese messages */
  noun: string
  target: (db: Db | Tx, id: number) => Promise<DraftTarget | null>
  /** whether a published record holds the code */
  codeTaken: (tx: Tx, code: string) => Promise<boolean>
  /** checks of a proposal against other records, beyond its schema */
  checkProposal: (tx: Tx, input: DraftInput, target: DraftTarget | null, departmentId: number) => Promise<void>
  published: (db: Db | Tx, ids: number[]) => Promise<PublishedRecord[]>
  /** applies an approved change inside the version's transaction; returns the record as published */
  apply: (tx: Tx, request: RequestRow, decision: DecisionRow, documentNo: string | null, at: Date) => Promise<PublishedRecord>
  /** the search document that shows the record (a guide is searched as part of its item) */
  searchEntity: ListEntityType
  /** what a payload would publish, shaped as the snapshot, where the two differ (a guide's halls by name) */
  proposal?: (db: Db | Tx, request: RequestRow, published: PublishedRecord | null) => Promise<Record<string, unknown>>
}

const withDepartment = { department: { select: { name: true } } } as const

const powerItem: EntityWorkflow = {
  noun: '事项',
  searchEntity: 'POWER_ITEM',
  target: (db, id) => db.powerItem.findUnique({ where: { id }, select: { id: true, departmentId: true, status: true, revision: true } }),
  codeTaken: async (tx, code) => !!(await tx.powerItem.findUnique({ where: { code }, select: { id: true } })),
  async checkProposal(tx, input, target) {
    if (input.entityType !== 'POWER_ITEM' || !target) return
    if (input.action === 'DELEGATE' && input.payload.toDepartmentId !== null) {
      const department = await tx.department.findUnique({ where: { id: input.payload.toDepartmentId }, select: { id: true } })
      if (!department) throw new WorkflowError(400, 'DEPARTMENT_NOT_FOUND', `下放目标部门（编号 ${input.payload.toDepartmentId}）不存在`)
    }
    if (input.action !== 'MERGE') return
    if (input.payload.intoItemId === target.id) throw new WorkflowError(400, 'MERGE_INTO_SELF', '不能合并到事项本身')
    const into = await tx.powerItem.findUnique({ where: { id: input.payload.intoItemId }, select: { status: true } })
    if (!into || into.status === 'CANCELLED') throw new WorkflowError(400, 'MERGE_TARGET_INVALID', '合并目标事项不存在或已取消')
  },
  async published(db, ids) {
    const items = await db.powerItem.findMany({ where: { id: { in: ids } }, include: withDepartment })
    return items.map((item) => ({ id: item.id, code: item.code, name: item.name, department: item.department.name, revision: item.revision, snapshot: powerItemSnapshot(item) }))
  },
  async apply(tx, request, decision, documentNo, at) {
    const item = await applyToPowerItem(tx, request, decision, documentNo, at)
    return { id: item.id, code: item.code, name: item.name, department: item.department.name, revision: item.revision, snapshot: powerItemSnapshot(item) }
  },
}

async function applyToPowerItem(tx: Tx, request: RequestRow, decision: DecisionRow, documentNo: string | null, at: Date) {
  const include = withDepartment
  if (request.action === 'ADD') {
    const fields = request.payload as PowerItemFields & { code: string }
    return tx.powerItem.create({ data: { ...fields, departmentId: request.departmentId, publishedAt: at, statusDocumentNo: documentNo, statusChangedAt: at }, include })
  }
  const id = request.entityId!
  const bump = { revision: { increment: 1 }, publishedAt: at }
  switch (request.action) {
    case 'UPDATE':
    case 'ADJUST':
      return tx.powerItem.update({ where: { id }, data: { ...(request.payload as PowerItemFields), ...bump }, include })
    case 'RETAIN':
      return tx.powerItem.update({ where: { id }, data: { ...bump, statusDocumentNo: documentNo, statusChangedAt: at }, include })
    case 'CANCEL':
      return tx.powerItem.update({ where: { id }, data: { ...bump, status: 'CANCELLED', statusDocumentNo: documentNo, statusChangedAt: at }, include })
    case 'DELEGATE':
      return tx.powerItem.update({
        where: { id },
        // Delegated, the power is exercised at the level it went to: 行使层级 and 下放层级 agree.
        data: { ...bump, status: 'DELEGATED', ...(decision.delegateToLevel ? { level: decision.delegateToLevel } : {}), delegatedToLevel: decision.delegateToLevel, delegatedToDepartmentId: decision.delegateToDepartmentId, statusDocumentNo: documentNo, statusChangedAt: at },
        include,
      })
    case 'MERGE':
      // The merged item is no longer exercised on its own; it stays visible, pointing to its successor.
      return tx.powerItem.update({ where: { id }, data: { ...bump, status: 'CANCELLED', mergedIntoId: decision.mergeIntoItemId, statusDocumentNo: documentNo, statusChangedAt: at }, include })
  }
}

const dutyInclude = { ...withDepartment, accountabilityCases: true } as const

const duty: EntityWorkflow = {
  noun: '责任事项',
  searchEntity: 'DUTY',
  target: (db, id) => db.duty.findUnique({ where: { id }, select: { id: true, departmentId: true, status: true, revision: true } }),
  codeTaken: async (tx, code) => !!(await tx.duty.findUnique({ where: { code }, select: { id: true } })),
  async checkProposal(tx, input, _target, departmentId) {
    if (input.entityType !== 'DUTY' || input.action === 'CANCEL' || input.payload.powerItemId === null) return
    // A duty answers for a power of its own department.
    const item = await tx.powerItem.findUnique({ where: { id: input.payload.powerItemId }, select: { departmentId: true, status: true } })
    if (!item || item.departmentId !== departmentId || item.status === 'CANCELLED') {
      throw new WorkflowError(400, 'POWER_ITEM_INVALID', '对应的权力事项不存在、已取消或不属于本部门')
    }
  },
  async published(db, ids) {
    const duties = await db.duty.findMany({ where: { id: { in: ids } }, include: dutyInclude })
    return duties.map(dutyRecord)
  },
  async apply(tx, request, _decision, _documentNo, at) {
    const cases = (fields: DutyFields, dutyId: number) => tx.accountabilityCase.createMany({ data: fields.cases.map((c, i) => ({ dutyId, sortOrder: i, content: c.content, basis: c.basis })) })
    const bump = { revision: { increment: 1 }, publishedAt: at }
    if (request.action === 'ADD') {
      const { cases: _cases, ...fields } = request.payload as DutyFields & { code: string }
      const created = await tx.duty.create({ data: { ...fields, departmentId: request.departmentId, publishedAt: at } })
      await cases(request.payload as DutyFields, created.id)
    } else if (request.action === 'UPDATE') {
      const { cases: _cases, ...fields } = request.payload as DutyFields
      await tx.duty.update({ where: { id: request.entityId! }, data: { ...fields, ...bump } })
      // The cases are part of the duty as published; earlier ones live on in its RecordVersions.
      await tx.accountabilityCase.deleteMany({ where: { dutyId: request.entityId! } })
      await cases(request.payload as DutyFields, request.entityId!)
    } else if (request.action === 'CANCEL') {
      await tx.duty.update({ where: { id: request.entityId! }, data: { ...bump, status: 'CANCELLED' } })
    } else {
      throw new WorkflowError(409, 'ACTION_NOT_SUPPORTED', `责任清单不支持该变更（${request.action}）`)
    }
    const code = request.action === 'ADD' ? (request.payload as { code: string }).code : undefined
    return dutyRecord(await tx.duty.findUniqueOrThrow({ where: code ? { code } : { id: request.entityId! }, include: dutyInclude }))
  },
}

function dutyRecord(d: Prisma.DutyGetPayload<{ include: typeof dutyInclude }>): PublishedRecord {
  return { id: d.id, code: d.code, name: d.title, department: d.department.name, revision: d.revision, snapshot: dutySnapshot(d) }
}

const fundInclude = { ...withDepartment, allocations: true } as const

const specialFund: EntityWorkflow = {
  noun: '专项资金',
  searchEntity: 'SPECIAL_FUND',
  target: (db, id) => db.specialFund.findUnique({ where: { id }, select: { id: true, departmentId: true, status: true, revision: true } }),
  codeTaken: async (tx, code) => !!(await tx.specialFund.findUnique({ where: { code }, select: { id: true } })),
  async checkProposal(tx, input, _target, departmentId) {
    if (input.entityType !== 'SPECIAL_FUND' || input.action !== 'ADD' || !input.payload.seriesCode) return
    // A continuing fund has one entry a year, kept by one department.
    const seriesCode = await resolveFundIdentity(tx, input.payload.seriesCode)
    const { year } = input.payload
    const series = await tx.specialFund.findMany({ where: fundSeriesWhere(seriesCode), select: { year: true, departmentId: true } })
    if (series.some((f) => f.departmentId !== departmentId)) throw new WorkflowError(400, 'FUND_SERIES_OTHER_DEPARTMENT', `资金项目 ${seriesCode} 不属于本部门`)
    const proposed = await tx.changeRequest.findFirst({
      where: { entityType: 'SPECIAL_FUND', action: 'ADD', status: { in: OPEN }, AND: [{ payload: { path: ['seriesCode'], equals: seriesCode } }, { payload: { path: ['year'], equals: year } }] },
      select: { id: true },
    })
    if (series.some((f) => f.year === year) || proposed) throw new WorkflowError(409, 'FUND_YEAR_TAKEN', `资金项目 ${seriesCode} 已有${year}年度的资金`)
  },
  async published(db, ids) {
    const funds = await db.specialFund.findMany({ where: { id: { in: ids } }, include: fundInclude })
    return funds.map(fundRecord)
  },
  async apply(tx, request, _decision, _documentNo, at) {
    const bump = { revision: { increment: 1 }, publishedAt: at }
    let fund
    if (request.action === 'ADD') {
      const { seriesCode, ...fields } = request.payload as FundFields & { code: string; seriesCode?: string }
      fund = await tx.specialFund.create({ data: { ...fields, seriesCode: seriesCode ? await resolveFundIdentity(tx, seriesCode) : null, departmentId: request.departmentId, publishedAt: at }, include: fundInclude })
    } else if (request.action === 'UPDATE') {
      fund = await tx.specialFund.update({ where: { id: request.entityId! }, data: { ...(request.payload as FundFields), ...bump }, include: fundInclude })
    } else if (request.action === 'CANCEL') {
      fund = await tx.specialFund.update({ where: { id: request.entityId! }, data: { ...bump, status: 'CANCELLED' }, include: fundInclude })
    } else {
      throw new WorkflowError(409, 'ACTION_NOT_SUPPORTED', `专项资金清单不支持该变更（${request.action}）`)
    }
    return fundRecord(fund)
  },
}

function fundRecord(f: Prisma.SpecialFundGetPayload<{ include: typeof fundInclude }>): PublishedRecord {
  return { id: f.id, code: f.code, name: f.name, department: f.department.name, revision: f.revision, snapshot: fundSnapshot(f) }
}

const guideItemInclude = { ...withDepartment, guide: { include: guideInclude } } as const

function guideRecord(item: Prisma.PowerItemGetPayload<{ include: typeof guideItemInclude }>): PublishedRecord {
  return { id: item.id, code: item.code, name: item.name, department: item.department.name, revision: item.guide?.revision ?? 0, snapshot: item.guide ? guideSnapshot(item.code, item.guide) : {} }
}

/**
 * 办事指南: one per power item, set as a whole by an UPDATE whose entityId is the item's id (the
 * first guide of an item too, on revision 0). Its halls must be its department's.
 */
const serviceGuide: EntityWorkflow = {
  noun: '办事指南',
  searchEntity: 'POWER_ITEM',
  async target(db, id) {
    const item = await db.powerItem.findUnique({ where: { id }, select: { id: true, departmentId: true, status: true, guide: { select: { revision: true } } } })
    return item && { id: item.id, departmentId: item.departmentId, status: item.status, revision: item.guide?.revision ?? 0 }
  },
  codeTaken: async () => false,
  async checkProposal(tx, input, _target, departmentId) {
    if (input.entityType !== 'SERVICE_GUIDE') return
    const wanted = input.payload.hallIds
    const halls = wanted.length ? await tx.serviceHall.findMany({ where: { id: { in: wanted }, departmentId }, select: { id: true } }) : []
    const invalid = wanted.filter((id) => !halls.some((h) => h.id === id))
    if (invalid.length) throw new WorkflowError(400, 'HALL_INVALID', `办理地点 ${invalid.join('、')} 不存在或不是本部门的服务窗口`)
  },
  async published(db, ids) {
    const items = await db.powerItem.findMany({ where: { id: { in: ids } }, include: guideItemInclude })
    return items.map(guideRecord)
  },
  async proposal(db, request, published) {
    const fields = request.payload as GuideFields
    const halls = await db.serviceHall.findMany({ where: { id: { in: fields.hallIds } }, select: { id: true, name: true } })
    return snapshotOf(published?.code ?? '', fields, new Map(halls.map((h) => [h.id, h.name])), false)
  },
  async apply(tx, request, _decision, _documentNo, at) {
    // What a department publishes replaces the demo guide: it is no longer marked 示例.
    await writeGuide(tx, request.entityId!, request.payload as GuideFields, { isDemo: false, at })
    return guideRecord(await tx.powerItem.findUniqueOrThrow({ where: { id: request.entityId! }, include: guideItemInclude }))
  },
}

export const ENTITY_WORKFLOWS: Record<DraftEntityType, EntityWorkflow> = { POWER_ITEM: powerItem, DUTY: duty, SPECIAL_FUND: specialFund, SERVICE_GUIDE: serviceGuide }

/** The workflow of a change request's list; a request of any other kind is not a draft of the lists. */
export function entityWorkflow(entityType: string): EntityWorkflow {
  const workflow = ENTITY_WORKFLOWS[entityType as DraftEntityType]
  if (!workflow) throw new WorkflowError(400, 'ENTITY_NOT_SUPPORTED', `不支持对 ${entityType} 提出变更`)
  return workflow
}

/** The states in which a change request still holds its record: no second change may open. */
export const OPEN: ('DRAFT' | 'SUBMITTED' | 'RETURNED' | 'APPROVED')[] = [...OPEN_CHANGE_REQUEST_STATUSES]

/**
 * What a change refers to, checked when it is drafted and again when it is applied, since records,
 * departments and other changes move in between: the record exists in the department and is not
 * cancelled, the list's own checks (delegation department, merge target, a duty's power item), no
 * other open change holds the record, and a new record's code is neither published nor proposed
 * by another open draft. `self` is the change being checked, when it already exists.
 */
export async function checkReferences(tx: Tx, input: DraftInput, departmentId: number, self: number | null = null): Promise<{ entityId: number | null; baseRevision: number | null }> {
  const workflow = ENTITY_WORKFLOWS[input.entityType]
  const others = self === null ? {} : { id: { not: self } }
  if (input.action === 'ADD') {
    const code = input.payload.code
    if (await workflow.codeTaken(tx, code)) throw new WorkflowError(409, 'ITEM_CODE_TAKEN', `${workflow.noun}编码 ${code} 已被使用`)
    const proposed = await tx.changeRequest.findFirst({
      where: { ...others, entityType: input.entityType, action: 'ADD', status: { in: OPEN }, payload: { path: ['code'], equals: code } },
      select: { id: true },
    })
    if (proposed) throw new WorkflowError(409, 'ITEM_CODE_TAKEN', `${workflow.noun}编码 ${code} 已由另一项未完成的变更（#${proposed.id}）提出`)
    await workflow.checkProposal(tx, input, null, departmentId)
    return { entityId: null, baseRevision: null }
  }
  const item = await workflow.target(tx, input.entityId)
  if (!item) throw new WorkflowError(404, 'ITEM_NOT_FOUND', `没有编号为 ${input.entityId} 的${workflow.noun}`)
  if (item.departmentId !== departmentId) throw new WorkflowError(400, 'WRONG_DEPARTMENT', `${workflow.noun}不属于该部门`)
  if (item.status === 'CANCELLED') throw new WorkflowError(409, 'ITEM_CANCELLED', `已取消的${workflow.noun}不能再变更`)
  await workflow.checkProposal(tx, input, item, departmentId)
  const open = await tx.changeRequest.findFirst({ where: { ...others, entityType: input.entityType, entityId: item.id, status: { in: OPEN } }, select: { id: true } })
  if (open) throw new WorkflowError(409, 'OPEN_CHANGE_EXISTS', `该${workflow.noun}已有未完成的变更（编号 ${open.id}）`)
  return { entityId: item.id, baseRevision: item.revision }
}
