// 目标责任 on scripted tasks with known answers: which tasks are overdue or at risk by the office's
// calendar (国庆 2026 and its 调休 Saturday), who sees which task, the lead department's reports,
// versions and audit entries, edits on a stale form and racing writers, and the scorecard's
// "reform tasks on time".
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AuditActor } from '../../server/services/audit'
import { setCalendarDay } from '../../server/services/oversight/calendar'
import { computeScorecard } from '../../server/services/oversight/scorecards'
import { createReformTask, getReformTask, listReformTasks, reportProgress, updateReformTask } from '../../server/services/reform/tasks'
import { reformTaskInputSchema, type ReformTaskInput } from '../../shared/reform'
import { createTestEnv, type TestEnv } from '../helpers/services'

let env: TestEnv
let office: AuditActor
let lead: AuditActor
let a: number
let b: number
let c: number
const db = () => env.db.prisma
const input = (over: Partial<ReformTaskInput>): ReformTaskInput => reformTaskInputSchema.parse({
  title: '推进证照分离改革', sourceDocument: '广安府办发〔2026〕1号', leadDepartmentId: a, cooperatingDepartmentIds: [], deadline: '2026-12-31',
  milestones: [{ title: '制定方案', dueDate: '2026-11-30' }], ...over,
})
/** A task with milestones done on given city dates, written directly, as a finished history. */
const scripted = async (leadDepartmentId: number, deadline: string, done: (string | null)[]) => (await db().reformTask.create({
  data: { title: `任务${deadline}`, sourceDocument: '文件', leadDepartmentId, deadline: new Date(`${deadline}T00:00:00Z`), milestones: { create: done.map((d, i) => ({ title: `节点${i + 1}`, dueDate: new Date(`${deadline}T00:00:00Z`), sortOrder: i, doneAt: d ? new Date(`${d}T02:00:00Z`) : null })) } },
})).id

beforeAll(async () => {
  env = await createTestEnv()
  a = (await db().department.create({ data: { code: 'A', name: '甲局', areaCode: '511602' } })).id
  b = (await db().department.create({ data: { code: 'B', name: '乙局', areaCode: '511602' } })).id
  c = (await db().department.create({ data: { code: 'C', name: '丙局', areaCode: '511602' } })).id
  const user = await db().user.create({ data: { username: 'office', displayName: '审改办', passwordHash: 'x', role: 'REFORM_OFFICE' } })
  office = { id: user.id, username: user.username, role: 'REFORM_OFFICE', departmentId: null }
  const editor = await db().user.create({ data: { username: 'a.editor', displayName: '甲局经办', passwordHash: 'x', role: 'EDITOR', departmentId: a } })
  lead = { id: editor.id, username: editor.username, role: 'EDITOR', departmentId: a }
  for (const date of ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07']) await setCalendarDay(db(), office, date, { workday: false, name: '国庆节' })
  await setCalendarDay(db(), office, '2026-10-10', { workday: true, name: '国庆调休上班' })
})
afterAll(async () => { await env.close() })

describe('reform tasks', () => {
  it('marks overdue and at-risk tasks by working days across the National Day holiday', async () => {
    const overdue = await scripted(b, '2026-09-29', [null])
    // From 30 September: 8 October, 9 October, the 调休 Saturday 10 October and 12-16 October are 8 working days.
    const atRisk = await scripted(b, '2026-10-16', [null])
    // ... and to 21 October 11, past the 10 that make a task at risk (without the holiday it would be 15).
    const onTrack = await scripted(b, '2026-10-21', [null])
    const lateMilestone = await scripted(b, '2026-12-30', [null])
    await db().reformMilestone.updateMany({ where: { taskId: lateMilestone }, data: { dueDate: new Date('2026-09-01T00:00:00Z') } })
    const done = await scripted(b, '2026-09-01', ['2026-08-30'])
    const states = new Map((await listReformTasks(db(), b, undefined, '2026-09-30')).map((t) => [t.id, t.state]))
    expect(Object.fromEntries([overdue, atRisk, onTrack, lateMilestone, done].map((id) => [id, states.get(id)])))
      .toEqual({ [overdue]: 'OVERDUE', [atRisk]: 'AT_RISK', [onTrack]: 'ON_TRACK', [lateMilestone]: 'AT_RISK', [done]: 'DONE' })
    // Overdue first, then at risk, then on track, then done.
    expect((await listReformTasks(db(), b, undefined, '2026-09-30')).map((t) => t.state)).toEqual(['OVERDUE', 'AT_RISK', 'AT_RISK', 'ON_TRACK', 'DONE'])
    expect((await listReformTasks(db(), b, 'OVERDUE', '2026-09-30')).map((t) => t.id)).toEqual([overdue])
    await db().reformTask.deleteMany({})
  })

  it('shows a department the tasks it leads or cooperates on, and no other', async () => {
    const led = await createReformTask(db(), office, input({ leadDepartmentId: a, cooperatingDepartmentIds: [b] }), undefined)
    const other = await createReformTask(db(), office, input({ leadDepartmentId: b, title: '乙局的任务' }), undefined)
    expect((await listReformTasks(db(), a)).map((t) => t.id)).toEqual([led.id])
    expect((await listReformTasks(db(), b)).map((t) => t.id).sort()).toEqual([led.id, other.id].sort())
    expect(await listReformTasks(db(), c)).toEqual([])
    expect((await listReformTasks(db(), null)).length).toBe(2)
    await expect(getReformTask(db(), other.id, a)).rejects.toMatchObject({ status: 403, code: 'FORBIDDEN' })
    await expect(getReformTask(db(), 999_999, a)).rejects.toMatchObject({ status: 404, code: 'REFORM_TASK_NOT_FOUND' })
    expect((await getReformTask(db(), led.id, b)).cooperatingDepartments).toEqual([{ id: b, name: '乙局' }])
    await db().reformTask.deleteMany({})
  })

  it('keeps every state as a version and in the audit log, and refuses an edit on a stale form without writing', async () => {
    const created = await createReformTask(db(), office, input({ milestones: [{ title: '制定方案', dueDate: '2026-11-01' }, { title: '全面推开', dueDate: '2026-12-01' }] }), undefined)
    expect(created).toMatchObject({ revision: 1, milestones: 2, milestonesDone: 0, leadDepartment: '甲局' })
    const [first, second] = created.milestoneList
    const reported = await reportProgress(db(), lead, created.id, { milestoneId: first!.id, note: '方案已印发', links: ['https://example.gov.cn/doc/1'], milestoneDone: true }, undefined)
    expect(reported).toMatchObject({ revision: 2, milestonesDone: 1 })
    expect(reported.reports).toMatchObject([{ milestoneTitle: '制定方案', note: '方案已印发', links: ['https://example.gov.cn/doc/1'], createdBy: 'a.editor' }])
    const edited = await updateReformTask(db(), office, created.id, 2, input({ deadline: '2027-01-31', milestones: [{ id: first!.id, title: '制定方案', dueDate: '2026-11-01' }, { id: second!.id, title: '全面推开（扩围）', dueDate: '2027-01-15' }, { title: '总结评估', dueDate: '2027-01-31' }] }), undefined)
    expect(edited).toMatchObject({ revision: 3, deadline: '2027-01-31', milestones: 3, milestonesDone: 1 })
    expect(edited.versions.map((v) => v.revision)).toEqual([3, 2, 1])
    const audit = await db().auditEntry.findMany({ where: { entityType: 'REFORM_TASK', entityId: String(created.id) }, orderBy: { seq: 'asc' } })
    expect(audit.map((e) => e.action)).toEqual(['reform-task.create', 'reform-task.report', 'reform-task.update'])
    expect((audit[2]!.before as { deadline: string }).deadline).toBe('2026-12-31')
    expect((audit[2]!.after as { deadline: string }).deadline).toBe('2027-01-31')

    const untouched = async () => JSON.stringify(await getReformTask(db(), created.id, null))
    const before = await untouched()
    await expect(updateReformTask(db(), office, created.id, 2, input({}), undefined)).rejects.toMatchObject({ status: 409, code: 'STALE_REVISION' })
    // A milestone reported done cannot be dropped; a milestone of another task cannot be named.
    await expect(updateReformTask(db(), office, created.id, 3, input({}), undefined)).rejects.toMatchObject({ status: 409, code: 'MILESTONE_DONE' })
    await expect(reportProgress(db(), lead, created.id, { milestoneId: 999_999, note: '进展', links: [], milestoneDone: false }, undefined)).rejects.toMatchObject({ status: 400, code: 'UNKNOWN_MILESTONE' })
    await expect(createReformTask(db(), office, input({ cooperatingDepartmentIds: [999_999] }), undefined)).rejects.toMatchObject({ status: 400, code: 'UNKNOWN_DEPARTMENT' })
    expect(await untouched()).toBe(before)
    expect(await db().reformTask.count()).toBe(1)
  })

  it('lets two edits race on one revision: one wins, the other is told the form is stale', async () => {
    const task = await createReformTask(db(), office, input({ title: '竞争编辑' }), undefined)
    const edit = (title: string) => updateReformTask(db(), office, task.id, 1, input({ title, milestones: [{ id: task.milestoneList[0]!.id, title: '制定方案', dueDate: '2026-11-30' }] }), undefined)
    const results = await Promise.allSettled([edit('甲'), edit('乙')])
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected'])
    expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toMatchObject({ code: 'STALE_REVISION' })
    // Two reports at once both land, each on its own revision.
    const report = (note: string) => reportProgress(db(), lead, task.id, { milestoneId: task.milestoneList[0]!.id, note, links: [], milestoneDone: false }, undefined)
    await Promise.all([report('一'), report('二')])
    const after = await getReformTask(db(), task.id, null)
    expect(after.revision).toBe(4)
    expect(after.reports.map((r) => r.note).sort()).toEqual(['一', '二'])
    expect(after.versions.map((v) => v.revision)).toEqual([4, 3, 2, 1])
  })

  it('scores reform tasks on time per lead department and period', async () => {
    await db().reformTask.deleteMany({})
    await scripted(a, '2026-09-30', [null]) // due in Q3, not done: late
    await scripted(a, '2026-08-31', ['2026-08-20', '2026-08-31']) // done by its deadline
    await scripted(b, '2026-09-15', ['2026-09-10', '2026-09-20']) // done five days late
    await scripted(c, '2026-10-20', [null]) // Q4, not yet due on 12 October: not scored
    await scripted(c, '2026-12-01', ['2026-10-05']) // Q4, done early: on time
    const weights = { completeness: 0, timeliness: 0, reformTasks: 100 }
    const q3 = await computeScorecard(db(), '2026-Q3', weights, '2026-10-12')
    expect(q3.map((r) => [r.departmentName, r.tasks, r.tasksLate, r.reformTasks, r.total])).toEqual([['甲局', 2, 1, 50, 50], ['乙局', 1, 1, 0, 0]])
    const q4 = await computeScorecard(db(), '2026-Q4', weights, '2026-10-12')
    expect(q4.map((r) => [r.departmentName, r.tasks, r.tasksLate, r.reformTasks, r.total])).toEqual([['丙局', 1, 0, 100, 100]])
  })
})
