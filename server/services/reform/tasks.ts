// 目标责任: reform tasks. The office records and edits them; the lead department reports progress
// against a milestone. Every change raises the task's revision, keeps the new state in
// ReformTaskVersion and writes the audit log, in one transaction. A department sees the tasks it
// leads or cooperates on.
import type { Db, Prisma } from '../../utils/prisma'
import { cityToday } from '../../../shared/city-time'
import { taskState, type ProgressReportInput, type ReformTaskInput, type ReformTaskSummary, type ReformTaskView, type TaskState } from '../../../shared/reform'
import { appendAudit, type AuditActor } from '../audit'
import { DomainError } from '../errors'
import { workdayOverrides } from '../oversight/calendar'
import { workingDaysBetween, type WorkdayOverrides } from '../oversight/working-days'

type Tx = Prisma.TransactionClient
const include = { milestones: { orderBy: { sortOrder: 'asc' } }, leadDepartment: { select: { name: true } } } as const satisfies Prisma.ReformTaskInclude
type TaskRow = Prisma.ReformTaskGetPayload<{ include: typeof include }>

const day = (d: Date) => d.toISOString().slice(0, 10)
const toDate = (date: string) => new Date(`${date}T00:00:00Z`)

class TaskNotFoundError extends DomainError {
  constructor(id: number) { super(404, 'REFORM_TASK_NOT_FOUND', `没有编号为 ${id} 的改革任务`) }
}

const visibleTo = (scope: number | null): Prisma.ReformTaskWhereInput =>
  scope === null ? {} : { OR: [{ leadDepartmentId: scope }, { cooperatingDepartmentIds: { has: scope } }] }

/** What a version keeps: the task as the office set it and which milestones are done. */
function snapshot(task: TaskRow) {
  return {
    title: task.title,
    sourceDocument: task.sourceDocument,
    leadDepartmentId: task.leadDepartmentId,
    cooperatingDepartmentIds: task.cooperatingDepartmentIds,
    deadline: day(task.deadline),
    milestones: task.milestones.map((m) => ({ id: m.id, title: m.title, dueDate: day(m.dueDate), done: m.doneAt !== null })),
  }
}

function summarise(task: TaskRow, names: Map<number, string>, today: string, calendar: WorkdayOverrides): ReformTaskSummary {
  const milestones = task.milestones.map((m) => ({ dueDate: day(m.dueDate), done: m.doneAt !== null }))
  const deadline = day(task.deadline)
  const state = taskState({ deadline, milestones }, today, workingDaysBetween(today, deadline, calendar))
  const doneAt = task.milestones.reduce<Date | null>((last, m) => (m.doneAt && (!last || m.doneAt > last) ? m.doneAt : last), null)
  return {
    id: task.id,
    title: task.title,
    sourceDocument: task.sourceDocument,
    leadDepartmentId: task.leadDepartmentId,
    leadDepartment: task.leadDepartment.name,
    cooperatingDepartments: task.cooperatingDepartmentIds.map((id) => ({ id, name: names.get(id) ?? String(id) })),
    deadline,
    state,
    milestonesDone: milestones.filter((m) => m.done).length,
    milestones: milestones.length,
    doneOn: state === 'DONE' && doneAt ? cityToday(doneAt) : null,
    revision: task.revision,
  }
}

async function departmentNames(db: Db): Promise<Map<number, string>> {
  return new Map((await db.department.findMany({ select: { id: true, name: true } })).map((d) => [d.id, d.name]))
}

/** The tasks in scope, overdue first, then at risk, then by deadline. */
export async function listReformTasks(db: Db, scope: number | null, state?: TaskState, today = cityToday()): Promise<ReformTaskSummary[]> {
  const [tasks, names, calendar] = await Promise.all([
    db.reformTask.findMany({ where: visibleTo(scope), include, orderBy: [{ deadline: 'asc' }, { id: 'asc' }] }),
    departmentNames(db),
    workdayOverrides(db),
  ])
  const order: Record<TaskState, number> = { OVERDUE: 0, AT_RISK: 1, ON_TRACK: 2, DONE: 3 }
  return tasks.map((t) => summarise(t, names, today, calendar))
    .filter((t) => !state || t.state === state)
    .sort((a, b) => order[a.state] - order[b.state])
}

export async function getReformTask(db: Db, id: number, scope: number | null, today = cityToday()): Promise<ReformTaskView> {
  const task = await db.reformTask.findFirst({
    where: { id, ...visibleTo(scope) },
    include: { ...include, reports: { orderBy: { id: 'desc' } }, versions: { orderBy: { revision: 'desc' }, select: { revision: true, createdBy: true, createdAt: true } } },
  })
  if (!task) {
    if (scope !== null && await db.reformTask.count({ where: { id } })) throw new DomainError(403, 'FORBIDDEN', '该任务不由本部门牵头或配合')
    throw new TaskNotFoundError(id)
  }
  const [names, calendar] = await Promise.all([departmentNames(db), workdayOverrides(db)])
  const titles = new Map(task.milestones.map((m) => [m.id, m.title]))
  return {
    ...summarise(task, names, today, calendar),
    milestoneList: task.milestones.map((m) => ({ id: m.id, title: m.title, dueDate: day(m.dueDate), done: m.doneAt !== null, doneAt: m.doneAt?.toISOString() ?? null, overdue: m.doneAt === null && day(m.dueDate) < today })),
    reports: task.reports.map((r) => ({ id: r.id, milestoneId: r.milestoneId, milestoneTitle: titles.get(r.milestoneId) ?? null, note: r.note, links: r.links, milestoneDone: r.milestoneDone, createdBy: r.createdBy, createdAt: r.createdAt.toISOString() })),
    versions: task.versions.map((v) => ({ ...v, createdAt: v.createdAt.toISOString() })),
  }
}

async function requireDepartments(tx: Tx, input: ReformTaskInput): Promise<void> {
  const ids = [input.leadDepartmentId, ...input.cooperatingDepartmentIds]
  const found = new Set((await tx.department.findMany({ where: { id: { in: ids } }, select: { id: true } })).map((d) => d.id))
  if (!found.has(input.leadDepartmentId)) throw new DomainError(400, 'UNKNOWN_DEPARTMENT', '牵头单位不存在', 'leadDepartmentId')
  if (ids.some((id) => !found.has(id))) throw new DomainError(400, 'UNKNOWN_DEPARTMENT', '配合单位中有不存在的部门', 'cooperatingDepartmentIds')
}

/** Keeps the new state as a version and in the audit log. */
async function record(tx: Tx, actor: AuditActor, id: number, action: string, before: ReturnType<typeof snapshot> | null, requestId: string | undefined, extra: object = {}): Promise<void> {
  const task = await tx.reformTask.findUniqueOrThrow({ where: { id }, include })
  const after = snapshot(task)
  await tx.reformTaskVersion.create({ data: { taskId: id, revision: task.revision, data: after, createdBy: actor.username } })
  await appendAudit(tx, actor, { action, entityType: 'REFORM_TASK', entityId: id, before, after: { ...after, ...extra }, requestId })
}

const taskFields = (input: ReformTaskInput) => ({
  title: input.title,
  sourceDocument: input.sourceDocument,
  leadDepartmentId: input.leadDepartmentId,
  cooperatingDepartmentIds: input.cooperatingDepartmentIds,
  deadline: toDate(input.deadline),
})

export async function createReformTask(db: Db, actor: AuditActor, input: ReformTaskInput, requestId: string | undefined): Promise<ReformTaskView> {
  if (input.milestones.some((m) => m.id)) throw new DomainError(400, 'UNKNOWN_MILESTONE', '新任务的节点不能带编号', 'milestones')
  const id = await db.$transaction(async (tx) => {
    await requireDepartments(tx, input)
    const task = await tx.reformTask.create({
      data: { ...taskFields(input), milestones: { create: input.milestones.map((m, i) => ({ title: m.title, dueDate: toDate(m.dueDate), sortOrder: i })) } },
    })
    await record(tx, actor, task.id, 'reform-task.create', null, requestId)
    return task.id
  })
  return getReformTask(db, id, null)
}

/**
 * The office's edit, made on `revision`: the task's fields and its milestones (those named by id
 * kept with their progress, new ones added, the others removed). A milestone already reported done
 * cannot be removed.
 */
export async function updateReformTask(db: Db, actor: AuditActor, id: number, revision: number, input: ReformTaskInput, requestId: string | undefined): Promise<ReformTaskView> {
  await db.$transaction(async (tx) => {
    // The conditional update takes the row lock: a concurrent edit or report waits, then finds the revision moved.
    const moved = await tx.reformTask.updateMany({ where: { id, revision }, data: { ...taskFields(input), revision: { increment: 1 } } })
    if (moved.count === 0) {
      if (!await tx.reformTask.count({ where: { id } })) throw new TaskNotFoundError(id)
      throw new DomainError(409, 'STALE_REVISION', '任务已被他人修改，请刷新后再改', 'revision')
    }
    await requireDepartments(tx, input)
    const current = await tx.reformTask.findUniqueOrThrow({ where: { id }, include })
    const kept = new Map(current.milestones.map((m) => [m.id, m]))
    for (const m of input.milestones) if (m.id && !kept.has(m.id)) throw new DomainError(400, 'UNKNOWN_MILESTONE', `节点 ${m.id} 不属于该任务`, 'milestones')
    const named = new Set(input.milestones.flatMap((m) => (m.id ? [m.id] : [])))
    const removed = current.milestones.filter((m) => !named.has(m.id))
    if (removed.some((m) => m.doneAt)) throw new DomainError(409, 'MILESTONE_DONE', '已报告完成的节点不能删除', 'milestones')
    await tx.reformMilestone.deleteMany({ where: { id: { in: removed.map((m) => m.id) } } })
    for (const [i, m] of input.milestones.entries()) {
      if (m.id) await tx.reformMilestone.update({ where: { id: m.id }, data: { title: m.title, dueDate: toDate(m.dueDate), sortOrder: i } })
      else await tx.reformMilestone.create({ data: { taskId: id, title: m.title, dueDate: toDate(m.dueDate), sortOrder: i } })
    }
    // The state before the edit is the version kept for the revision it was made on.
    const previous = await tx.reformTaskVersion.findUniqueOrThrow({ where: { taskId_revision: { taskId: id, revision } } })
    await record(tx, actor, id, 'reform-task.update', previous.data as ReturnType<typeof snapshot>, requestId)
  })
  return getReformTask(db, id, null)
}

/** The lead department's report on one milestone; marking it done records when. */
export async function reportProgress(db: Db, actor: AuditActor, id: number, input: ProgressReportInput, requestId: string | undefined): Promise<ReformTaskView> {
  await db.$transaction(async (tx) => {
    const locked = await tx.reformTask.update({ where: { id }, data: { revision: { increment: 1 } }, include }).catch((error: unknown) => {
      if ((error as { code?: string } | null)?.code === 'P2025') throw new TaskNotFoundError(id)
      throw error
    })
    const milestone = locked.milestones.find((m) => m.id === input.milestoneId)
    if (!milestone) throw new DomainError(400, 'UNKNOWN_MILESTONE', `节点 ${input.milestoneId} 不属于该任务`, 'milestoneId')
    const before = snapshot(locked)
    if (input.milestoneDone !== (milestone.doneAt !== null)) {
      await tx.reformMilestone.update({ where: { id: milestone.id }, data: { doneAt: input.milestoneDone ? new Date() : null } })
    }
    const report = await tx.reformProgressReport.create({ data: { taskId: id, milestoneId: milestone.id, note: input.note, links: input.links, milestoneDone: input.milestoneDone, createdBy: actor.username } })
    await record(tx, actor, id, 'reform-task.report', before, requestId, { report: { id: report.id, milestoneId: milestone.id, note: input.note, links: input.links, milestoneDone: input.milestoneDone } })
  })
  return getReformTask(db, id, null)
}

/** Per lead department, the tasks due in [start, end] whose deadline has come, and how many were done by it. */
export async function reformTasksOnTime(db: Db, start: string, end: string, today: string): Promise<Map<number, { tasks: number; late: number }>> {
  const tasks = await db.reformTask.findMany({ where: { deadline: { gte: toDate(start), lte: toDate(end) } }, select: { leadDepartmentId: true, deadline: true, milestones: { select: { doneAt: true } } } })
  const result = new Map<number, { tasks: number; late: number }>()
  for (const t of tasks) {
    const deadline = day(t.deadline)
    const done = t.milestones.length > 0 && t.milestones.every((m) => m.doneAt)
    const doneOn = done ? cityToday(t.milestones.reduce((last, m) => (m.doneAt! > last ? m.doneAt! : last), new Date(0))) : null
    // A task not yet due and not yet done is not scored.
    if (!doneOn && deadline >= today) continue
    const r = result.get(t.leadDepartmentId) ?? { tasks: 0, late: 0 }
    r.tasks++
    if (!doneOn || doneOn > deadline) r.late++
    result.set(t.leadDepartmentId, r)
  }
  return result
}
