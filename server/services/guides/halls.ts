// A department's service halls (服务窗口). A change is made at once, audited, and reaches every
// guide that refers to the hall (a guide names its halls; search holds nothing of them).
import type { Db } from '../../utils/prisma'
import type { ServiceHallView } from '../../../shared/guides'
import type { ServiceHallFields } from '../../../shared/service-halls'
import { appendAudit, type AuditActor } from '../audit'
import { WorkflowError } from '../workflow/errors'
import { hallView } from './records'

export async function listServiceHalls(db: Db, departmentId: number): Promise<ServiceHallView[]> {
  const halls = await db.serviceHall.findMany({ where: { departmentId }, orderBy: [{ sortOrder: 'asc' }, { id: 'asc' }] })
  return halls.map(hallView)
}

export async function createServiceHall(db: Db, actor: AuditActor, departmentId: number, fields: ServiceHallFields, requestId?: string): Promise<ServiceHallView> {
  return db.$transaction(async (tx) => {
    if (!await tx.department.findUnique({ where: { id: departmentId }, select: { id: true } })) throw new WorkflowError(404, 'DEPARTMENT_NOT_FOUND', `没有编号为 ${departmentId} 的部门`)
    const hall = await tx.serviceHall.create({ data: { ...fields, departmentId } })
    await appendAudit(tx, actor, { action: 'hall.create', entityType: 'SERVICE_HALL', entityId: hall.id, after: hall, requestId })
    return hallView(hall)
  })
}

/** What the department writes is its own content: the hall is no longer marked 示例. */
export async function updateServiceHall(db: Db, actor: AuditActor, id: number, fields: ServiceHallFields, requestId?: string): Promise<ServiceHallView> {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT id FROM "ServiceHall" WHERE id = ${id} FOR UPDATE`
    const before = await tx.serviceHall.findUnique({ where: { id } })
    if (!before) throw new WorkflowError(404, 'HALL_NOT_FOUND', `没有编号为 ${id} 的服务窗口`)
    const after = await tx.serviceHall.update({ where: { id }, data: { ...fields, isDemo: false } })
    await appendAudit(tx, actor, { action: 'hall.update', entityType: 'SERVICE_HALL', entityId: id, before, after, requestId })
    return hallView(after)
  })
}
