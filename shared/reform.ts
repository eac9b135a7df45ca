// 目标责任: the reform tasks the reform office sets and the lead departments report on. The rules
// the pages and the API share.
import { z } from 'zod'
import { calendarDateSchema } from './oversight'

/** A task not done whose deadline is this many working days away or less is at risk. */
export const AT_RISK_WORKING_DAYS = 10

export const TASK_STATES = ['DONE', 'OVERDUE', 'AT_RISK', 'ON_TRACK'] as const
export type TaskState = (typeof TASK_STATES)[number]

const id = z.number().int().min(1, '请选择').max(2_147_483_647)
const text = (max: number, missing: string) => z.string().trim().min(1, missing).max(max, `不超过${max}个字`)

const milestoneInputSchema = z.object({
  /** an existing milestone keeps its id (and whether it was reported done); a new one has none */
  id: id.optional(),
  title: text(200, '请填写节点内容'),
  dueDate: calendarDateSchema,
}).strict()

export const reformTaskInputSchema = z.object({
  title: text(200, '请填写任务名称'),
  sourceDocument: text(200, '请填写任务来源文件'),
  leadDepartmentId: z.number().int().min(1, '请选择牵头单位').max(2_147_483_647),
  cooperatingDepartmentIds: z.array(id).max(50, '配合单位不超过50个').default([]),
  deadline: calendarDateSchema,
  milestones: z.array(milestoneInputSchema).min(1, '至少设置一个节点').max(50, '节点不超过50个'),
}).strict().superRefine((t, ctx) => {
  if (t.cooperatingDepartmentIds.includes(t.leadDepartmentId)) ctx.addIssue({ code: 'custom', path: ['cooperatingDepartmentIds'], message: '牵头单位不必再列为配合单位' })
  if (new Set(t.cooperatingDepartmentIds).size !== t.cooperatingDepartmentIds.length) ctx.addIssue({ code: 'custom', path: ['cooperatingDepartmentIds'], message: '配合单位重复' })
  t.milestones.forEach((m, i) => {
    if (m.dueDate > t.deadline) ctx.addIssue({ code: 'custom', path: ['milestones', i, 'dueDate'], message: '节点时间不能晚于任务完成时限' })
  })
  const ids = t.milestones.flatMap((m) => (m.id ? [m.id] : []))
  if (new Set(ids).size !== ids.length) ctx.addIssue({ code: 'custom', path: ['milestones'], message: '节点重复' })
})
export type ReformTaskInput = z.output<typeof reformTaskInputSchema>

/** An edit names the revision it was made on, so an edit on a stale form is refused. */
export const reformTaskUpdateSchema = z.object({ revision: id, task: reformTaskInputSchema }).strict()

const link = z.string().trim().max(500, '链接不超过500个字符').url('链接应为完整网址').refine((u) => /^https?:\/\//i.test(u), '链接应以 http:// 或 https:// 开头')

export const progressReportInputSchema = z.object({
  milestoneId: z.number().int().min(1, '请选择节点').max(2_147_483_647),
  note: text(2000, '请填写进展情况'),
  links: z.array(link).max(10, '链接不超过10个').default([]),
  milestoneDone: z.boolean(),
}).strict()
export type ProgressReportInput = z.output<typeof progressReportInputSchema>

export const reformTaskQuerySchema = z.object({
  state: z.enum(TASK_STATES).optional(),
}).strict()

export interface MilestoneView {
  id: number
  title: string
  dueDate: string
  done: boolean
  doneAt: string | null
  overdue: boolean
}

export interface ProgressReportView {
  id: number
  milestoneId: number
  milestoneTitle: string | null
  note: string
  links: string[]
  milestoneDone: boolean
  createdBy: string
  createdAt: string
}

export interface ReformTaskSummary {
  id: number
  title: string
  sourceDocument: string
  leadDepartmentId: number
  leadDepartment: string
  cooperatingDepartments: { id: number; name: string }[]
  deadline: string
  state: TaskState
  milestonesDone: number
  milestones: number
  /** the day the last milestone was reported done, once all are */
  doneOn: string | null
  revision: number
}

export interface ReformTaskView extends ReformTaskSummary {
  milestoneList: MilestoneView[]
  reports: ProgressReportView[]
  versions: { revision: number; createdBy: string; createdAt: string }[]
}

/** A task's state on `today` from its milestones and deadline; `workingDaysLeft` counts from today to the deadline. */
export function taskState(task: { deadline: string; milestones: { dueDate: string; done: boolean }[] }, today: string, workingDaysLeft: number): TaskState {
  if (task.milestones.length > 0 && task.milestones.every((m) => m.done)) return 'DONE'
  if (task.deadline < today) return 'OVERDUE'
  if (task.milestones.some((m) => !m.done && m.dueDate < today) || workingDaysLeft <= AT_RISK_WORKING_DAYS) return 'AT_RISK'
  return 'ON_TRACK'
}
