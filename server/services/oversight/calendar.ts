// The working-day calendar the reform office keeps (CalendarDay): public holidays on weekdays and
// adjusted working days on weekends. Every change is audited in its transaction.
import type { Db } from '../../utils/prisma'
import type { CalendarDayInput, CalendarDayView } from '../../../shared/oversight'
import { appendAudit, type AuditActor } from '../audit'
import { DomainError } from '../errors'
import type { WorkdayOverrides } from './working-days'

const toDate = (date: string) => new Date(`${date}T00:00:00Z`)
const view = (d: { date: Date; workday: boolean; name: string }): CalendarDayView => ({ date: d.date.toISOString().slice(0, 10), workday: d.workday, name: d.name })
const audited = (d: CalendarDayView) => ({ date: d.date, workday: d.workday, name: d.name })
const entityId = (date: string) => `calendar:${date}`

export async function listCalendarDays(db: Db, year?: number): Promise<CalendarDayView[]> {
  const where = year ? { date: { gte: toDate(`${year}-01-01`), lte: toDate(`${year}-12-31`) } } : {}
  return (await db.calendarDay.findMany({ where, orderBy: { date: 'asc' } })).map(view)
}

/** The whole calendar as the working-day arithmetic reads it. */
export async function workdayOverrides(db: Db): Promise<WorkdayOverrides> {
  const days = await db.calendarDay.findMany()
  return new Map(days.map((d) => [d.date.toISOString().slice(0, 10), d.workday]))
}

/** Enter or change one day; the row lock of the upsert makes two offices' edits apply one after the other. */
export async function setCalendarDay(db: Db, actor: AuditActor, date: string, input: CalendarDayInput, requestId?: string): Promise<CalendarDayView> {
  return db.$transaction(async (tx) => {
    const before = await tx.calendarDay.findUnique({ where: { date: toDate(date) } })
    const after = view(await tx.calendarDay.upsert({ where: { date: toDate(date) }, create: { date: toDate(date), ...input }, update: input }))
    await appendAudit(tx, actor, { action: before ? 'calendar.update' : 'calendar.create', entityType: 'SETTING', entityId: entityId(date), before: before ? audited(view(before)) : null, after: audited(after), requestId })
    return after
  })
}

/** The day becomes an ordinary day of the week again. */
export async function removeCalendarDay(db: Db, actor: AuditActor, date: string, requestId?: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const before = await tx.calendarDay.findUnique({ where: { date: toDate(date) } })
    if (!before) throw new DomainError(404, 'CALENDAR_DAY_NOT_FOUND', `日历中没有${date}的设置`)
    await tx.calendarDay.delete({ where: { date: toDate(date) } })
    await appendAudit(tx, actor, { action: 'calendar.delete', entityType: 'SETTING', entityId: entityId(date), before: audited(view(before)), requestId })
  })
}
