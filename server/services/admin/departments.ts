// Departments (部门) as the administrator keeps them. A department is never deleted: its items,
// duties, funds and history point to it; renaming and moving it in the tree are audited.
import type { DepartmentCreateInput, DepartmentUpdateInput, DepartmentView } from '../../../shared/auth'
import { appendAudit, type AuditActor } from '../audit'
import type { Db, Prisma } from '../../utils/prisma'
import { AccountError } from '../auth/errors'

type Tx = Prisma.TransactionClient

const withParent = { parent: { select: { name: true } }, _count: { select: { users: true } } } satisfies Prisma.DepartmentInclude
type DepartmentRow = Prisma.DepartmentGetPayload<{ include: typeof withParent }>

function audited(d: Prisma.DepartmentGetPayload<object>) {
  return { code: d.code, name: d.name, shortName: d.shortName, level: d.level, areaCode: d.areaCode, parentId: d.parentId }
}

function toView(d: DepartmentRow): DepartmentView {
  return { ...audited(d), id: d.id, parentName: d.parent?.name ?? null, users: d._count.users }
}

export async function listDepartments(db: Db): Promise<DepartmentView[]> {
  const rows = await db.department.findMany({ include: withParent, orderBy: [{ sortOrder: 'asc' }, { id: 'asc' }] })
  return rows.map(toView)
}

async function checkUnique(tx: Tx, field: 'code' | 'name', value: string, exceptId?: number): Promise<void> {
  const found = await tx.department.findFirst({ where: { [field]: value, ...(exceptId ? { id: { not: exceptId } } : {}) }, select: { id: true } })
  if (found) throw new AccountError(409, field === 'code' ? 'DEPARTMENT_CODE_TAKEN' : 'DEPARTMENT_NAME_TAKEN', field === 'code' ? '该部门编码已被使用' : '该部门名称已被使用', field)
}

/** The parent must exist and must not be the department itself or one of its descendants. */
async function checkParent(tx: Tx, parentId: number | null, selfId?: number): Promise<void> {
  let cursor = parentId
  while (cursor !== null) {
    if (cursor === selfId) throw new AccountError(400, 'DEPARTMENT_CYCLE', '上级部门不能是本部门或其下级部门', 'parentId')
    const parent: { parentId: number | null } | null = await tx.department.findUnique({ where: { id: cursor }, select: { parentId: true } })
    if (!parent) throw new AccountError(400, 'DEPARTMENT_NOT_FOUND', '上级部门不存在', 'parentId')
    cursor = parent.parentId
  }
}

export async function createDepartment(db: Db, actor: AuditActor, input: DepartmentCreateInput, requestId?: string): Promise<DepartmentView> {
  return db.$transaction(async (tx) => {
    await checkUnique(tx, 'code', input.code)
    await checkUnique(tx, 'name', input.name)
    await checkParent(tx, input.parentId)
    const sortOrder = await tx.department.count()
    const created = await tx.department.create({ data: { ...input, sortOrder }, include: withParent })
    await appendAudit(tx, actor, { action: 'department.created', entityType: 'DEPARTMENT', entityId: created.id, after: audited(created), requestId })
    return toView(created)
  })
}

export async function updateDepartment(db: Db, actor: AuditActor, id: number, input: DepartmentUpdateInput, requestId?: string): Promise<DepartmentView> {
  return db.$transaction(async (tx) => {
    const before = await tx.department.findUnique({ where: { id } })
    if (!before) throw new AccountError(404, 'DEPARTMENT_NOT_FOUND', '部门不存在')
    if (input.name !== undefined) await checkUnique(tx, 'name', input.name, id)
    if (input.parentId !== undefined) await checkParent(tx, input.parentId, id)
    const after = await tx.department.update({ where: { id }, data: input, include: withParent })
    await appendAudit(tx, actor, { action: 'department.updated', entityType: 'DEPARTMENT', entityId: id, before: audited(before), after: audited(after), requestId })
    return toView(after)
  })
}
