// 督查: what is missing or late in each department's lists, computed from the database as it is
// now. The published records in force are checked field by field, the open change requests
// against the working-day limits of WAIT_LIMITS counted by the office's calendar. Every finding
// names its record, so the page can open it.
import type { Db } from '../../utils/prisma'
import { cityToday } from '../../../shared/city-time'
import { FINDING_KINDS, STALE_MONTHS, WAIT_LIMITS, type DepartmentFindings, type Finding, type FindingCounts, type FindingKind, type FindingsQuery, type FindingsReport } from '../../../shared/oversight'
import { workdayOverrides } from './calendar'
import { addWorkingDays, workingDaysBetween, type WorkdayOverrides } from './working-days'

const blank = (value: string | null | undefined) => !value || value.trim() === ''
const cityDate = (at: Date) => cityToday(at)

export const emptyCounts = (): FindingCounts => Object.fromEntries(FINDING_KINDS.map((k) => [k, 0])) as FindingCounts

/** The day twelve months before `today`: a record last published on or before it is stale. */
function staleBefore(today: string): string {
  const [y, m, d] = today.split('-').map(Number) as [number, number, number]
  const back = new Date(Date.UTC(y, m - 1 - STALE_MONTHS, d))
  return back.toISOString().slice(0, 10)
}

interface Published { id: number; code: string; name: string; departmentId: number; publishedAt: Date; publicPath: string }

function recordFinding(kind: FindingKind, recordType: Finding['recordType'], r: Published, since: string | null = null): Finding {
  return { kind, departmentId: r.departmentId, recordType, recordId: r.id, code: r.code, name: r.name, publicPath: r.publicPath, since, dueBy: null, workingDaysWaited: null }
}

async function recordFindings(db: Db, departmentId: number | null, today: string): Promise<Finding[]> {
  const dept = departmentId === null ? {} : { departmentId }
  const [items, duties, funds] = await Promise.all([
    db.powerItem.findMany({
      where: { ...dept, status: 'IN_FORCE' },
      select: { id: true, code: true, name: true, type: true, departmentId: true, legalBasis: true, timeLimit: true, fees: true, contact: true, publishedAt: true, duties: { where: { status: 'IN_FORCE' }, select: { id: true } } },
      orderBy: { code: 'asc' },
    }),
    db.duty.findMany({
      where: { ...dept, status: 'IN_FORCE' },
      select: { id: true, code: true, title: true, kind: true, departmentId: true, publishedAt: true, powerItem: { select: { code: true } }, _count: { select: { accountabilityCases: true } } },
      orderBy: { code: 'asc' },
    }),
    db.specialFund.findMany({
      where: { ...dept, status: 'IN_FORCE' },
      select: { id: true, code: true, name: true, departmentId: true, performanceTargets: true, publishedAt: true, allocations: { select: { publishedOn: true } } },
      orderBy: { code: 'asc' },
    }),
  ])
  const stale = staleBefore(today)
  const found: Finding[] = []
  const checkStale = (recordType: Finding['recordType'], r: Published) => {
    const last = cityDate(r.publishedAt)
    if (last <= stale) found.push(recordFinding('STALE_RECORD', recordType, r, last))
  }
  for (const item of items) {
    const r = { ...item, publicPath: `/items/${encodeURIComponent(item.code)}` }
    if (blank(item.legalBasis)) found.push(recordFinding('ITEM_NO_LEGAL_BASIS', 'POWER_ITEM', r))
    if (blank(item.timeLimit)) found.push(recordFinding('ITEM_NO_TIME_LIMIT', 'POWER_ITEM', r))
    if (blank(item.fees)) found.push(recordFinding('ITEM_NO_FEES', 'POWER_ITEM', r))
    if (blank(item.contact)) found.push(recordFinding('ITEM_NO_CONTACT', 'POWER_ITEM', r))
    // A public service is not a power: the responsibility list owes duties to the ten power types only.
    if (item.type !== 'PUBLIC_SERVICE' && item.duties.length === 0) found.push(recordFinding('POWER_NO_DUTY', 'POWER_ITEM', r))
    checkStale('POWER_ITEM', r)
  }
  for (const duty of duties) {
    const r = { ...duty, name: duty.title, publicPath: duty.powerItem ? `/items/${encodeURIComponent(duty.powerItem.code)}` : `/responsibility?dept=${duty.departmentId}` }
    // Accountability cases belong to the duties of a power (责任事项); a department's general duties have none.
    if (duty.kind === 'POWER_DUTY' && duty._count.accountabilityCases === 0) found.push(recordFinding('DUTY_NO_CASE', 'DUTY', r))
    checkStale('DUTY', r)
  }
  for (const fund of funds) {
    const r = { ...fund, publicPath: `/funds/${encodeURIComponent(fund.code)}` }
    if (blank(fund.performanceTargets)) found.push(recordFinding('FUND_NO_TARGETS', 'SPECIAL_FUND', r))
    if (!fund.allocations.some((a) => a.publishedOn.toISOString().slice(0, 10) <= today)) found.push(recordFinding('FUND_NO_ALLOCATION', 'SPECIAL_FUND', r))
    checkStale('SPECIAL_FUND', r)
  }
  return found
}

/** Which clock a waiting change request runs on, and from when. */
function waiting(request: { status: string; createdAt: Date; submittedAt: Date | null; decisions: { outcome: string; createdAt: Date }[] }): { kind: FindingKind; since: Date } | null {
  const last = (outcome: string) => request.decisions.filter((d) => d.outcome === outcome).at(-1)?.createdAt
  switch (request.status) {
    // The department files within 10 working days; its draft (or the office's return) is the trigger the portal knows.
    case 'DRAFT': return { kind: 'FILING_OVERDUE', since: request.createdAt }
    case 'RETURNED': return { kind: 'FILING_OVERDUE', since: last('RETURNED') ?? request.createdAt }
    case 'SUBMITTED': return { kind: 'REVIEW_OVERDUE', since: request.submittedAt ?? request.createdAt }
    case 'APPROVED': return { kind: 'PUBLICATION_OVERDUE', since: last('APPROVED') ?? request.createdAt }
    default: return null
  }
}

async function waitingFindings(db: Db, departmentId: number | null, today: string, calendar: WorkdayOverrides): Promise<Finding[]> {
  const requests = await db.changeRequest.findMany({
    where: { ...(departmentId === null ? {} : { departmentId }), status: { in: ['DRAFT', 'RETURNED', 'SUBMITTED', 'APPROVED'] } },
    select: { id: true, entityType: true, entityId: true, action: true, departmentId: true, payload: true, status: true, createdAt: true, submittedAt: true, decisions: { select: { outcome: true, createdAt: true }, orderBy: { createdAt: 'asc' } } },
    orderBy: { id: 'asc' },
  })
  const found: Finding[] = []
  for (const request of requests) {
    const clock = waiting(request)
    if (!clock) continue
    const since = cityDate(clock.since)
    const limit = WAIT_LIMITS[clock.kind as keyof typeof WAIT_LIMITS]
    const waited = workingDaysBetween(since, today, calendar)
    if (waited <= limit) continue
    const payload = (request.payload ?? {}) as { code?: unknown; name?: unknown; title?: unknown }
    const text = (v: unknown) => (typeof v === 'string' ? v : null)
    found.push({
      kind: clock.kind,
      departmentId: request.departmentId,
      recordType: 'CHANGE_REQUEST',
      recordId: request.id,
      code: text(payload.code),
      name: text(payload.name) ?? text(payload.title) ?? `${request.entityType} #${request.entityId ?? request.id}`,
      publicPath: null,
      since,
      dueBy: addWorkingDays(since, limit, calendar),
      workingDaysWaited: waited,
    })
  }
  return found
}

/** Every finding of the departments in scope (null: the whole city) on city date `today`. */
export async function computeFindings(db: Db, departmentId: number | null, today = cityToday()): Promise<Finding[]> {
  const calendar = await workdayOverrides(db)
  const [records, waits] = await Promise.all([recordFindings(db, departmentId, today), waitingFindings(db, departmentId, today, calendar)])
  return [...records, ...waits]
}

/** The findings counted per department and for the city, and the page of findings the query asks for. */
export async function findingsReport(db: Db, scope: number | null, query: FindingsQuery, today = cityToday()): Promise<FindingsReport> {
  const departmentId = scope ?? query.dept ?? null
  const all = await computeFindings(db, scope, today)
  const departments = await db.department.findMany({ where: scope === null ? {} : { id: scope }, select: { id: true, name: true }, orderBy: [{ sortOrder: 'asc' }, { id: 'asc' }] })
  const byDept = new Map<number, DepartmentFindings>(departments.map((d) => [d.id, { departmentId: d.id, departmentName: d.name, counts: emptyCounts(), total: 0 }]))
  const city = emptyCounts()
  for (const f of all) {
    city[f.kind]++
    const row = byDept.get(f.departmentId)
    if (row) { row.counts[f.kind]++; row.total++ }
  }
  const matching = all.filter((f) => (departmentId === null || f.departmentId === departmentId) && (!query.kind || f.kind === query.kind))
  const start = (query.page - 1) * query.pageSize
  return {
    asOf: today,
    departments: [...byDept.values()].filter((d) => d.total > 0 || d.departmentId === scope),
    city,
    cityTotal: all.length,
    findings: matching.slice(start, start + query.pageSize),
    matching: matching.length,
    page: query.page,
    pageSize: query.pageSize,
    pageCount: Math.max(1, Math.ceil(matching.length / query.pageSize)),
  }
}
