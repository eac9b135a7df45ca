// 考核: one scorecard per period, every department's completeness (the 督查 checks on its records in
// force, at the time the scorecard is taken) and timeliness (the filing, review and publication steps
// due in the period, counted in working days by the office's calendar) and reform tasks done by their deadline, weighted as the office set.
// A scorecard is stored when taken, so earlier periods keep their figures.
import type { Db, Prisma } from '../../utils/prisma'
import { cityToday } from '../../../shared/city-time'
import { DEFAULT_WEIGHTS, periodRange, scorecardWeightsSchema, WAIT_LIMITS, type FindingKind, type ScorecardRow, type ScorecardSummary, type ScorecardView, type ScorecardWeights } from '../../../shared/oversight'
import { appendAudit, type AuditActor } from '../audit'
import { DomainError } from '../errors'
import { table, toXlsx } from '../open-data/tables'
import { reformTasksOnTime } from '../reform/tasks'
import { workdayOverrides } from './calendar'
import { computeFindings } from './findings'
import { workingDaysBetween } from './working-days'

export const WEIGHTS_SETTING = 'oversight.scorecardWeights'
const RECORD_KINDS: FindingKind[] = ['ITEM_NO_LEGAL_BASIS', 'ITEM_NO_TIME_LIMIT', 'ITEM_NO_FEES', 'ITEM_NO_CONTACT', 'POWER_NO_DUTY', 'DUTY_NO_CASE', 'FUND_NO_TARGETS', 'FUND_NO_ALLOCATION', 'STALE_RECORD']
const cityDate = (at: Date) => cityToday(at)
const percent = (good: number, all: number) => (all === 0 ? null : Math.round((1000 * good) / all) / 10)

export async function scorecardWeights(db: Db): Promise<ScorecardWeights> {
  const row = await db.setting.findUnique({ where: { key: WEIGHTS_SETTING } })
  const parsed = scorecardWeightsSchema.safeParse(row?.value)
  return parsed.success ? parsed.data : DEFAULT_WEIGHTS
}

export async function setScorecardWeights(db: Db, actor: AuditActor, weights: ScorecardWeights, requestId?: string): Promise<ScorecardWeights> {
  return db.$transaction(async (tx) => {
    const before = await tx.setting.findUnique({ where: { key: WEIGHTS_SETTING } })
    await tx.setting.upsert({ where: { key: WEIGHTS_SETTING }, create: { key: WEIGHTS_SETTING, value: weights }, update: { value: weights } })
    await appendAudit(tx, actor, { action: 'setting.update', entityType: 'SETTING', entityId: WEIGHTS_SETTING, before: before?.value ?? DEFAULT_WEIGHTS, after: weights, requestId })
    return weights
  })
}

/** How many checks the 督查 makes on each department's records in force. */
async function checksPerDepartment(db: Db): Promise<Map<number, number>> {
  const [items, powers, duties, allDuties, funds] = await Promise.all([
    db.powerItem.groupBy({ by: ['departmentId'], where: { status: 'IN_FORCE' }, _count: { _all: true } }),
    db.powerItem.groupBy({ by: ['departmentId'], where: { status: 'IN_FORCE', type: { not: 'PUBLIC_SERVICE' } }, _count: { _all: true } }),
    db.duty.groupBy({ by: ['departmentId'], where: { status: 'IN_FORCE', kind: 'POWER_DUTY' }, _count: { _all: true } }),
    db.duty.groupBy({ by: ['departmentId'], where: { status: 'IN_FORCE' }, _count: { _all: true } }),
    db.specialFund.groupBy({ by: ['departmentId'], where: { status: 'IN_FORCE' }, _count: { _all: true } }),
  ])
  const checks = new Map<number, number>()
  const add = (rows: { departmentId: number; _count: { _all: number } }[], each: number) => {
    for (const r of rows) checks.set(r.departmentId, (checks.get(r.departmentId) ?? 0) + each * r._count._all)
  }
  add(items, 5) // four fields and staleness
  add(powers, 1) // a duty
  add(duties, 1) // accountability cases
  add(allDuties, 1) // staleness
  add(funds, 3) // targets, allocations, staleness
  return checks
}

interface Steps { steps: number; late: number }

/** The filing, review and publication steps due or done in the period, per department. */
async function stepsPerDepartment(db: Db, start: string, end: string, today: string): Promise<Map<number, Steps>> {
  const calendar = await workdayOverrides(db)
  const from = new Date(`${start}T00:00:00+08:00`)
  const until = new Date(new Date(`${end}T00:00:00+08:00`).getTime() + 86_400_000)
  const [submitted, decisions, published] = await Promise.all([
    db.changeRequest.findMany({ where: { submittedAt: { gte: from, lt: until } }, select: { departmentId: true, createdAt: true, submittedAt: true } }),
    db.decision.findMany({ where: { createdAt: { gte: from, lt: until } }, select: { createdAt: true, changeRequest: { select: { departmentId: true, submittedAt: true } } } }),
    db.decision.findMany({ where: { outcome: 'APPROVED', listVersion: { publishedAt: { gte: from, lt: until } } }, select: { createdAt: true, listVersion: { select: { publishedAt: true } }, changeRequest: { select: { departmentId: true } } } }),
  ])
  const steps = new Map<number, Steps>()
  const count = (departmentId: number, late: boolean) => {
    const s = steps.get(departmentId) ?? { steps: 0, late: 0 }
    s.steps++
    if (late) s.late++
    steps.set(departmentId, s)
  }
  const waited = (a: Date, b: Date) => workingDaysBetween(cityDate(a), cityDate(b), calendar)
  for (const r of submitted) count(r.departmentId, waited(r.createdAt, r.submittedAt!) > WAIT_LIMITS.FILING_OVERDUE)
  // A decision answers the latest submission; an earlier round's submission time is not kept, so only the last round is counted.
  for (const d of decisions) if (d.changeRequest.submittedAt && d.changeRequest.submittedAt <= d.createdAt) count(d.changeRequest.departmentId, waited(d.changeRequest.submittedAt, d.createdAt) > WAIT_LIMITS.REVIEW_OVERDUE)
  for (const d of published) count(d.changeRequest.departmentId, waited(d.createdAt, d.listVersion!.publishedAt!) > WAIT_LIMITS.PUBLICATION_OVERDUE)
  // A step still open whose time ran out in the period is late there, whenever it is done.
  for (const f of await computeFindings(db, null, today)) {
    if (f.recordType === 'CHANGE_REQUEST' && f.dueBy && f.dueBy >= start && f.dueBy <= end) count(f.departmentId, true)
  }
  return steps
}

/** Every department's row for the period, with the weights given; departments with nothing to score are left out. */
export async function computeScorecard(db: Db, period: string, weights: ScorecardWeights, today = cityToday()): Promise<ScorecardRow[]> {
  const { start, end } = periodRange(period)
  const [departments, checks, steps, findings, tasks] = await Promise.all([
    db.department.findMany({ select: { id: true, name: true }, orderBy: [{ sortOrder: 'asc' }, { id: 'asc' }] }),
    checksPerDepartment(db),
    stepsPerDepartment(db, start, end, today),
    computeFindings(db, null, today),
    reformTasksOnTime(db, start, end, today),
  ])
  const failed = new Map<number, number>()
  for (const f of findings) if (RECORD_KINDS.includes(f.kind)) failed.set(f.departmentId, (failed.get(f.departmentId) ?? 0) + 1)
  return departments.flatMap((d) => {
    const c = checks.get(d.id) ?? 0
    const s = steps.get(d.id) ?? { steps: 0, late: 0 }
    const r = tasks.get(d.id) ?? { tasks: 0, late: 0 }
    if (c === 0 && s.steps === 0 && r.tasks === 0) return []
    const fail = failed.get(d.id) ?? 0
    const completeness = percent(c - fail, c)
    const timeliness = percent(s.steps - s.late, s.steps)
    const reformTasks = percent(r.tasks - r.late, r.tasks)
    const parts = [[completeness, weights.completeness], [timeliness, weights.timeliness], [reformTasks, weights.reformTasks]].filter(([value, weight]) => value !== null && weight! > 0) as [number, number][]
    const weight = parts.reduce((n, [, w]) => n + w, 0)
    const total = weight === 0 ? null : Math.round((10 * parts.reduce((n, [v, w]) => n + v * w, 0)) / weight) / 10
    return [{ departmentId: d.id, departmentName: d.name, checks: c, failed: fail, completeness, steps: s.steps, late: s.late, timeliness, tasks: r.tasks, tasksLate: r.late, reformTasks, total }]
  })
}

type ScorecardRecord = Prisma.ScorecardGetPayload<object>
const view = (s: ScorecardRecord, scope: number | null): ScorecardView => ({
  id: s.id,
  period: s.period,
  periodStart: s.periodStart.toISOString().slice(0, 10),
  periodEnd: s.periodEnd.toISOString().slice(0, 10),
  // A scorecard taken before reform tasks were scored has no weight for them.
  weights: { reformTasks: 0, ...(s.weights as object) } as ScorecardWeights,
  rows: (s.rows as unknown as ScorecardRow[]).filter((r) => scope === null || r.departmentId === scope),
  createdBy: s.createdBy,
  createdAt: s.createdAt.toISOString(),
})

/** Takes the period's scorecard with the weights in force; a period is taken once and kept. */
export async function takeScorecard(db: Db, actor: AuditActor, period: string, requestId?: string, today = cityToday()): Promise<ScorecardView> {
  const { start, end } = periodRange(period)
  if (start > today) throw new DomainError(400, 'PERIOD_NOT_STARTED', `考核期${period}尚未开始`, 'period')
  if (await db.scorecard.findUnique({ where: { period } })) throw new DomainError(409, 'SCORECARD_EXISTS', `${period}的考核结果已生成，不再改动`, 'period')
  const weights = await scorecardWeights(db)
  const rows = await computeScorecard(db, period, weights, today)
  try {
    return await db.$transaction(async (tx) => {
      const created = await tx.scorecard.create({ data: { period, periodStart: new Date(`${start}T00:00:00Z`), periodEnd: new Date(`${end}T00:00:00Z`), weights, rows: rows as unknown as Prisma.InputJsonValue, createdBy: actor.username } })
      await appendAudit(tx, actor, { action: 'scorecard.create', entityType: 'SETTING', entityId: `scorecard:${period}`, after: { period, weights, departments: rows.length }, requestId })
      return view(created, null)
    })
  } catch (error) {
    if ((error as { code?: string } | null)?.code === 'P2002') throw new DomainError(409, 'SCORECARD_EXISTS', `${period}的考核结果已生成，不再改动`, 'period')
    throw error
  }
}

export async function listScorecards(db: Db): Promise<ScorecardSummary[]> {
  const rows = await db.scorecard.findMany({ select: { id: true, period: true, createdAt: true, createdBy: true }, orderBy: { periodStart: 'desc' } })
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }))
}

/** One stored scorecard; an editor's scope keeps only their department's row. */
export async function getScorecard(db: Db, id: number, scope: number | null): Promise<ScorecardView> {
  const found = await db.scorecard.findUnique({ where: { id } })
  if (!found) throw new DomainError(404, 'SCORECARD_NOT_FOUND', '该考核结果不存在')
  return view(found, scope)
}

/** The scorecard as the Excel workbook the 考核 meeting reads. */
export async function scorecardWorkbook(db: Db, id: number, scope: number | null): Promise<{ fileName: string; body: Buffer }> {
  const s = await getScorecard(db, id, scope)
  const sheet = table(`考核${s.period}`, [
    { header: '部门', value: (r: ScorecardRow) => r.departmentName, width: 28 },
    { header: '检查项', value: (r) => r.checks },
    { header: '缺失项', value: (r) => r.failed },
    { header: `完整性得分（权重${s.weights.completeness}%）`, value: (r) => r.completeness, width: 22 },
    { header: '应办环节', value: (r) => r.steps },
    { header: '超时环节', value: (r) => r.late },
    { header: `及时性得分（权重${s.weights.timeliness}%）`, value: (r) => r.timeliness, width: 22 },
    { header: '到期改革任务', value: (r) => r.tasks },
    { header: '逾期改革任务', value: (r) => r.tasksLate },
    { header: `改革任务按时完成得分（权重${s.weights.reformTasks}%）`, value: (r) => r.reformTasks, width: 26 },
    { header: '总分', value: (r) => r.total },
  ], s.rows)
  return { fileName: `考核结果-${s.period}.xlsx`, body: await toXlsx([sheet]) }
}
